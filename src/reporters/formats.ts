/** The check report formats, apart from their renderers so that option parsing loads none of them. */
export const FORMATS = ['text', 'json', 'junit', 'yaml', 'html', 'markdown', 'openmetrics'] as const;
export type ReportFormat = (typeof FORMATS)[number];
