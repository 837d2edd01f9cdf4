import type { SampleDocument } from './template';

/** The collection the filing template searches by default (its sample filing is added there). */
export const SAMPLE_FILINGS = 'sample-filings';

/**
 * The filing template's sample: the annual report of a fictional company, written for Assay's
 * templates (Apache-2.0 like the rest of the code). Assay renders it to PDF when the template is
 * first used, so the template cites pages of a real PDF without shipping one.
 */
export const SAMPLE_FILING: SampleDocument = {
  collection: SAMPLE_FILINGS,
  title: 'Fjordline Robotics — Annual report 2025',
  filename: 'fjordline-robotics-annual-report-2025.pdf',
  markdown: `# Fjordline Robotics — Annual report 2025

*Fjordline Robotics ASA is a fictional company. This report was written for the Assay templates; every figure in it is invented.*

## Letter from the chief executive

2025 was the year our warehouse robots became a business of scale. We delivered 4,180 robots to 212 customers in 19 countries, and for the first time more than half of our revenue came from customers outside the Nordic countries.

Revenue rose 18.4% to $311.2 million, from $262.8 million in 2024. Recurring software and service revenue reached $97.5 million, 31% of the total.

Operating profit was $38.9 million, an operating margin of 12.5%, up from 9.8% in 2024, as the new assembly line in Trondheim lowered the cost of each robot.

Net income was $27.3 million. We ended the year with net cash of $64.0 million and no borrowings.

## Results in brief

| Figure | 2025 | 2024 |
|---|---|---|
| Revenue ($ million) | 311.2 | 262.8 |
| Recurring revenue ($ million) | 97.5 | 71.0 |
| Operating profit ($ million) | 38.9 | 25.8 |
| Operating margin | 12.5% | 9.8% |
| Net income ($ million) | 27.3 | 16.1 |
| Net cash at year end ($ million) | 64.0 | 41.7 |
| Employees at year end | 1,240 | 1,060 |

## Principal risks

The largest risk to our plans is our dependence on a single supplier of the lidar sensors every robot carries; a disruption there would halt deliveries for several months while a second supplier is qualified.

Customers in retail logistics postpone orders when consumer demand weakens, so a slowdown in European retail would reduce new orders.

Competitors backed by larger groups may cut prices to win market share, which would put pressure on our margins.

## Outlook

For 2026 we expect revenue growth of 15% to 20% and a further improvement in operating margin, helped by recurring revenue rising faster than hardware sales.

We plan to open a sales office in Chicago in the first half of 2026 and to qualify a second lidar supplier by the end of the year.

## Dividend

The board proposes a first dividend of 1.20 Norwegian kroner per share, to be paid in May 2026.
`,
};
