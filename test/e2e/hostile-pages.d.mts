// Types for hostile-pages.mjs (a plain ES module the browser suite runs with node directly).
export declare const BUSY_PAGE: string;
export declare function manyQuotesPage(n: number, options?: { title?: string; words?: (i: number) => string }): string;
export declare function bigPage(bytes: number): string;
/** path → HTML, for startServer({ extra }) */
export declare function hostilePages(): Record<string, string>;
export declare const HOSTILE_EXPECTATIONS: Array<{ path: string; what: string; state: string[]; minQuotes: number; statements?: number; look?: 'letters' | 'viewport'; jump?: boolean }>;
