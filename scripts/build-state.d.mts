// Types for build-state.mjs (plain JavaScript: npm start runs it before anything is built).
export declare const ROOT: string;
export declare function paths(root?: string): { hashFile: string; entry: string; template: string; templateKeyFile: string };
export declare function sourceHash(root?: string): string;
export declare function templateKey(root?: string): string;
export declare function builtHash(root?: string): string | null;
export declare function templateIsCurrent(root?: string): boolean;
export declare function runNode(args: string[], root?: string): Promise<number>;
export declare function viteArgs(root?: string): string[];
