/** The generated files of the typed API client, by path from the repository's root. */
export declare const generatedFiles: { document: string; schema: string };
/** The command that writes them again. */
export declare const regenerateCommand: string;
/** The OpenAPI document the gateway serves, as written to `openapi.json`. */
export declare function apiDocumentText(): Promise<string>;
/** The TypeScript types of a document, as openapi-typescript writes them. */
export declare function schemaSourceOf(documentText: string): Promise<string>;
/** What the generated files should hold now, by path from the repository's root. */
export declare function expectedFiles(): Promise<Record<string, string>>;
/** What they hold in the working tree, empty for a missing one. */
export declare function committedFiles(): Promise<Record<string, string>>;
