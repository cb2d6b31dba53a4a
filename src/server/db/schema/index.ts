export * from './identity.js';
export * from './jobs.js';
export * from './settings.js';
export * from './campaigns.js';
export * from './prospects.js';
export * from './messaging.js';
export * from './enrichment.js';
export * from './counters.js';
