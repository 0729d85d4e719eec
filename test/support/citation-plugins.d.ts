// The Citation.js plugins the export tests parse with (they ship no types; importing one registers it).
declare module "@citation-js/plugin-ris";
declare module "@citation-js/plugin-csl";
