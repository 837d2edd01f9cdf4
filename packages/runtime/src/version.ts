export const ASSAY_VERSION = '0.1.0';
