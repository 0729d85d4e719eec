// Type declarations for the small part of Citation.js 0.7 paperboy uses (the packages ship no types).
declare module "@citation-js/core" {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    readonly data: Array<Record<string, unknown>>;
    format(format: "bibtex", options: { format: "object" }): Array<{
      type: string;
      label: string;
      properties: Record<string, string>;
    }>;
    format(format: string, options?: Record<string, unknown>): unknown;
  }
}

/** Importing it registers the BibTeX input/output formats with @citation-js/core. */
declare module "@citation-js/plugin-bibtex";
