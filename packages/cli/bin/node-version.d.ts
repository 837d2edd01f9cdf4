/** A message naming the Node.js needed, or undefined when `version` (e.g. "24.22.3") is new enough. */
export declare function nodeTooOld(version: string): string | undefined;
