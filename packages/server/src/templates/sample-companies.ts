import type { SampleDataset } from './template';

/** [id, name, sector, country, founded, employees, revenue, revenuePrevYear, ebitda, netDebt, marketCap] (USD millions). */
type Company = [string, string, string, string, number, number, number, number, number, number, number];

// Fictional companies, figures invented for the templates (the demo's `companies` dataset has the same columns).
const COMPANIES: Company[] = [
  ['cmp-01', 'Larkspur Data', 'Software', 'United States', 2011, 2300, 612, 488, 171, -95, 7400],
  ['cmp-02', 'Quillon Security', 'Software', 'Israel', 2014, 1150, 298, 251, 62, -40, 3100],
  ['cmp-03', 'Bramblecode', 'Software', 'Germany', 2006, 3900, 905, 861, 244, 900, 6200],
  ['cmp-04', 'Tidepool Analytics', 'Software', 'United Kingdom', 2017, 640, 121, 92, -8, -55, 1500],
  ['cmp-05', 'Orrery Systems', 'Software', 'Canada', 2009, 1800, 402, 395, 97, 120, 2600],
  ['cmp-06', 'Nightjar Cloud', 'Software', 'Singapore', 2015, 980, 233, 176, 51, 120, 2900],
  ['cmp-07', 'Vellum Health', 'Healthcare', 'Netherlands', 2003, 5200, 1380, 1290, 221, 480, 3900],
  ['cmp-08', 'Corvid Diagnostics', 'Healthcare', 'United States', 2012, 1700, 356, 301, 64, -20, 2800],
  ['cmp-09', 'Saltmarsh Bio', 'Healthcare', 'Denmark', 2016, 420, 88, 61, -31, -140, 1900],
  ['cmp-10', 'Kiln Materials', 'Materials', 'Australia', 1987, 7400, 2150, 2210, 388, 920, 3300],
  ['cmp-11', 'Harrow Freight', 'Industrials', 'Netherlands', 1994, 9100, 1870, 1720, 262, 610, 2400],
  ['cmp-12', 'Pennant Robotics', 'Industrials', 'Japan', 2008, 2600, 744, 612, 141, 90, 4100],
  ['cmp-13', 'Gullwing Payments', 'Financials', 'Ireland', 2013, 1300, 415, 339, 133, -210, 5600],
  ['cmp-14', 'Thistle Foods', 'Consumer Staples', 'France', 1979, 11200, 2960, 2890, 355, 1100, 4200],
  ['cmp-15', 'Sunvault Energy', 'Utilities', 'Spain', 2002, 2100, 1240, 1105, 372, 1650, 5100],
  ['cmp-16', 'Fernhill Games', 'Communication Services', 'Sweden', 2010, 870, 276, 301, 41, -60, 900],
];

/** The `companies` sample: the company screen's universe. */
export const SAMPLE_COMPANIES: SampleDataset = {
  name: 'companies',
  description: 'Sample data for the templates: fictional companies, figures in USD millions',
  columns: {
    id: 'string',
    name: 'string',
    sector: 'string',
    country: 'string',
    founded: 'integer',
    employees: 'integer',
    revenue: 'number',
    revenuePrevYear: 'number',
    ebitda: 'number',
    netDebt: 'number',
    marketCap: 'number',
  },
  keys: ['id', 'sector'],
  rows: COMPANIES.map(([id, name, sector, country, founded, employees, revenue, revenuePrevYear, ebitda, netDebt, marketCap]) => ({
    id,
    name,
    sector,
    country,
    founded,
    employees,
    revenue,
    revenuePrevYear,
    ebitda,
    netDebt,
    marketCap,
  })),
};
