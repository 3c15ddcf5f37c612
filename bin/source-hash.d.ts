export declare const ROOT: string;
export declare const SOURCE_DIR: string;
export declare const DIST_DIR: string;
export declare const HASH_FILE: string;
export declare const STAT_FILE: string;
export declare function sourceStat(): string;
export declare function sourceHash(): string;
/** True when dist/ was compiled from the sources as they are now. */
export declare function distIsFresh(): boolean;
