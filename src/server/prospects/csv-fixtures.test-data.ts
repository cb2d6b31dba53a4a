/** CSV files as the tools write them, shared by the import tests. */

export const SALES_NAVIGATOR_HEADERS =
  'profileUrl,fullName,firstName,lastName,companyName,title,companyId,companyUrl,regularCompanyUrl,summary,titleDescription,industry,companyLocation,location,durationInRole,durationInCompany,pastExperienceCompanyName,pastExperienceCompanyUrl,pastExperienceCompanyTitle,pastExperienceDate,pastExperienceDuration,connectionDegree,profileImageUrl,sharedConnectionsCount,name,vmid,linkedInProfileUrl,isPremium,isOpenLink,query,timestamp,defaultProfileUrl';

function salesNavigatorRow(values: { lead: string; full: string; first: string; last: string; company: string; title: string; location: string; publicUrl: string; defaultUrl: string }) {
  return [
    values.lead,
    values.full,
    values.first,
    values.last,
    values.company,
    values.title,
    '1234',
    'https://www.linkedin.com/sales/company/1234',
    'https://www.linkedin.com/company/1234',
    '"Builds things, ships them"',
    '',
    'Software',
    '"Paris, France"',
    `"${values.location}"`,
    '2 years',
    '3 years',
    '',
    '',
    '',
    '',
    '',
    '2nd',
    '',
    '3',
    values.full,
    'ACwAAA',
    values.publicUrl,
    'true',
    'false',
    'https://www.linkedin.com/sales/search/people?query=x',
    '2026-01-10T10:00:00.000Z',
    values.defaultUrl,
  ].join(',');
}

export const SALES_NAVIGATOR_CSV = [
  SALES_NAVIGATOR_HEADERS,
  salesNavigatorRow({
    lead: '"https://www.linkedin.com/sales/lead/ACwAAA1,NAME_SEARCH,abc"',
    full: 'Jeanne Martin',
    first: 'Jeanne',
    last: 'Martin',
    company: 'Acme SAS',
    title: 'Head of Sales',
    location: 'Lyon, Auvergne-Rhône-Alpes, France',
    publicUrl: 'https://www.linkedin.com/in/Jeanne-Martin-42/',
    defaultUrl: 'https://www.linkedin.com/in/ACwAAA1',
  }),
  salesNavigatorRow({
    lead: '"https://www.linkedin.com/sales/lead/ACwBBB2,NAME_SEARCH,def"',
    full: 'Paul Durand',
    first: 'Paul',
    last: 'Durand',
    company: 'Globex',
    title: 'CTO',
    location: 'Paris, Île-de-France, France',
    publicUrl: '',
    defaultUrl: 'https://linkedin.com/in/paul-durand?trk=abc',
  }),
  salesNavigatorRow({
    lead: '"https://www.linkedin.com/sales/lead/ACwCCC3,NAME_SEARCH,ghi"',
    full: 'Chloé Petit',
    first: 'Chloé',
    last: 'Petit',
    company: 'Initech',
    title: 'VP Marketing',
    location: 'Nantes, France',
    publicUrl: '',
    defaultUrl: '',
  }),
].join('\n');

export const PHANTOMBUSTER_SEARCH_CSV = [
  'profileUrl,fullName,firstName,lastName,job,connectionDegree,location,sharedConnections,query,timestamp',
  'https://www.linkedin.com/in/alice-b/,Alice B,Alice,B,Founder at Hooli,2nd,Berlin,4,https://www.linkedin.com/search/results/people/?keywords=founder,2026-01-10T10:00:00.000Z',
  'https://www.linkedin.com/in/bob-c,Bob C,Bob,C,Sales Lead,3rd,Madrid,0,https://www.linkedin.com/search/results/people/?keywords=founder,2026-01-10T10:00:00.000Z',
].join('\n');

export const APOLLO_HEADERS =
  'First Name,Last Name,Title,Company,Company Name for Emails,Email,Email Status,Seniority,Departments,Contact Owner,First Phone,Work Direct Phone,Mobile Phone,# Employees,Industry,Keywords,Person Linkedin Url,Website,Company Linkedin Url,City,State,Country,Company City,Company Country,Technologies,Annual Revenue';

export const APOLLO_CSV = [
  APOLLO_HEADERS,
  'Marc,Leroy,Directeur Commercial,Umbrella,Umbrella,Marc.Leroy@Umbrella.example,Verified,Director,Sales,owner@x.example,+33 1 23 45 67 89,,,250,Biotech,"crm, saas",http://www.linkedin.com/in/marcleroy,http://www.umbrella.example,http://www.linkedin.com/company/umbrella,Bordeaux,Nouvelle-Aquitaine,France,Bordeaux,France,"Salesforce, HubSpot",50000000',
  'Sara,Lopez,CEO,Wayne Ent,Wayne,sara@wayne.example,Guessed,C-Suite,Executive,,,,,12,Finance,,,https://wayne.example,,Madrid,,Spain,,,,',
].join('\n');

export const PLAIN_CSV = ['email,first_name,last_name,company,title,tags,favourite_colour', 'ann@plain.example,Ann,Plain,Plainco,Buyer,"vip; q3",green', 'ben@plain.example,Ben,Plain,Plainco,Engineer,,blue'].join('\n');
