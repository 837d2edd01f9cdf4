import { z } from 'zod';

/**
 * A citation an AI step returned and Assay checked: the quote it gives as evidence, where in the
 * sources it says the quote is, and whether the quote was found there (`verified`). A template writes
 * `[^<id>]` where the cited claim stands; `document.render` turns those markers into numbered
 * footnotes with the source's title, page and URL.
 */
export const Citation = z
  .object({
    id: z.string().meta({ description: 'The footnote label: a template writes [^id] to cite it' }),
    sourceId: z.string().meta({ description: 'The cited source: a document id, a URL or the id given with the source' }),
    page: z.number().int().nullable().meta({ description: "The source's page (a PDF page or a section number), null when it has none" }),
    quote: z.string().meta({ description: 'The words of the source the claim rests on' }),
    verified: z.boolean().meta({ description: 'Whether the quote was found in the cited source text' }),
    title: z.string().nullable(),
    url: z.string().nullable(),
    field: z.string().optional().meta({ description: 'ai.extract: the field this citation supports' }),
    problem: z.string().optional().meta({ description: 'Why the citation could not be verified' }),
  })
  .meta({ id: 'Citation' });
export type Citation = z.infer<typeof Citation>;
