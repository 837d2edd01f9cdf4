/**
 * The sample filing of the "Filing brief" demo: an annual report of a fictional company, written for
 * Assay's demo (Apache-2.0 like the rest of the code). Assay renders it to PDF at first start and
 * stores it as a document, so the demo cites pages of a real PDF without shipping one.
 */
export const FILING_TITLE = 'Harbor Light Instruments — Annual report 2025';

export const FILING_REPORT = `# Harbor Light Instruments — Annual report 2025

*Harbor Light Instruments plc is a fictional company. This report was written for the Assay demo; every figure in it is invented.*

## Chair's letter

2025 was a year of steady progress for Harbor Light Instruments. We shipped more optical sensors than in any year of our history, we opened our second factory in Gdańsk on time, and we kept our promise to customers that lead times would stay under eight weeks.

Revenue grew 9.2% to $842.6 million, from $771.3 million in 2024. Growth came from all three segments, and most of all from Industrial Sensing, where demand from factory automation customers stayed strong through the second half.

Operating margin improved to 14.8%, from 13.1% in 2024, as the new factory reached full output and freight costs fell. Net income rose to $96.4 million.

The board proposes a final dividend of 42 cents per share, bringing the total for the year to 64 cents, up from 56 cents.

## Highlights

| Figure | 2025 | 2024 |
|---|---|---|
| Revenue ($ million) | 842.6 | 771.3 |
| Operating profit ($ million) | 124.7 | 101.0 |
| Operating margin | 14.8% | 13.1% |
| Net income ($ million) | 96.4 | 78.2 |
| Free cash flow ($ million) | 88.1 | 64.9 |
| Net cash at year end ($ million) | 120.5 | 71.8 |
| Order backlog at year end ($ million) | 512.0 | 455.3 |
| Employees at year end | 3,140 | 2,870 |

## Financial review

Revenue of $842.6 million was 9.2% higher than in 2024. At constant exchange rates revenue grew 8.5%: the weaker dollar added about $5 million in the year.

Gross margin was 41.3%, compared with 39.6% in 2024. The improvement came from higher volumes at the Gdańsk factory and lower freight costs, partly offset by higher prices for semiconductor components.

Operating expenses rose 7.4% to $223.2 million. Research and development spending was $71.9 million, or 8.5% of revenue, as we continued to invest in the next generation of hyperspectral sensors.

Operating profit was $124.7 million, up from $101.0 million, and the operating margin was 14.8%.

Free cash flow was $88.1 million. Capital expenditure fell to $39.4 million after the completion of the Gdańsk factory. We ended the year with net cash of $120.5 million and no drawn borrowings.

## Quarterly revenue

| Quarter | Revenue 2025 ($ million) | Revenue 2024 ($ million) |
|---|---|---|
| First quarter | 196.2 | 183.0 |
| Second quarter | 205.8 | 190.4 |
| Third quarter | 214.3 | 195.1 |
| Fourth quarter | 226.3 | 202.8 |

## Segments

**Industrial Sensing** sells optical and laser sensors for factory automation. Its revenue grew 12.6% to $451.0 million, and it is now more than half of the group. Orders from automotive plants in Germany and Mexico were the main driver.

**Medical Imaging** makes detectors for diagnostic equipment. Revenue grew 6.1% to $246.3 million. A new detector line for dental scanners was launched in October.

**Environmental Monitoring** supplies gas and particle sensors to utilities and cities. Revenue grew 4.9% to $145.3 million, held back by delayed public tenders in the United Kingdom.

## Customers and markets

Our largest customer, a European maker of industrial robots, accounted for 18% of revenue in 2025, compared with 16% in 2024. Our ten largest customers together accounted for 47% of revenue.

By region, Europe contributed 46% of revenue, North America 31% and Asia 23%. Sales in Asia grew fastest, by 14%, led by battery factories in South Korea.

## Principal risks

The main risk to the business is the supply of semiconductor components: three of our sensor families depend on chips from a single supplier, and a disruption there would delay shipments for up to six months.

Customer concentration is a second risk. The loss of our largest customer would reduce revenue by almost a fifth, although our contract with it runs until the end of 2028.

Currency movements affect our results because most of our costs are in euros and zloty while most revenue is in dollars. A ten percent stronger euro would reduce operating profit by about $14 million.

Competition in Environmental Monitoring is increasing as lower-cost sensors from new entrants reach the market.

## Outlook

For 2026 we expect revenue growth of 6% to 8% at constant exchange rates, with an operating margin of around 15%. The order backlog of $512.0 million at the end of 2025 covers about 60% of expected revenue for 2026.

We plan capital expenditure of $45 million to $50 million in 2026, mostly to add a third production line in Gdańsk.

## Sustainability

Greenhouse gas emissions from our own operations fell 11% in 2025, and 64% of the electricity we used came from renewable sources. Both factories are certified to ISO 14001.
`;
