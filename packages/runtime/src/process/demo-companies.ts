/**
 * The demo `companies` dataset: fictional companies with realistic figures (USD millions). The first
 * row's id is the one the public API page uses in its examples.
 */
const NAMES: Array<[string, string, string]> = [
  ['Northwind Analytics', 'Software', 'United States'],
  ['Helios Grid Systems', 'Energy', 'Germany'],
  ['Cobalt Ridge Mining', 'Materials', 'Canada'],
  ['Lumen Bio', 'Healthcare', 'United Kingdom'],
  ['Quayside Logistics', 'Industrials', 'Netherlands'],
  ['Arcadia Payments', 'Financials', 'United States'],
  ['Tessellate Robotics', 'Industrials', 'Japan'],
  ['Verdant Foods', 'Consumer Staples', 'France'],
  ['Meridian Health Partners', 'Healthcare', 'United States'],
  ['Kestrel Cybersecurity', 'Software', 'Israel'],
  ['Solace Hospitality', 'Consumer Discretionary', 'Spain'],
  ['Ironbark Timber', 'Materials', 'Australia'],
  ['Polaris Semiconductor', 'Technology Hardware', 'South Korea'],
  ['Bluewater Desalination', 'Utilities', 'United Arab Emirates'],
  ['Cinder Gaming', 'Communication Services', 'Sweden'],
  ['Atlas Freight Rail', 'Industrials', 'United States'],
  ['Oriel Wealth', 'Financials', 'Switzerland'],
  ['Fennec Mobility', 'Consumer Discretionary', 'Germany'],
  ['Harbor Lane Insurance', 'Financials', 'Ireland'],
  ['Sable Creek Pharmaceuticals', 'Healthcare', 'Belgium'],
  ['Nimbus Edge Cloud', 'Software', 'Singapore'],
  ['Granite Peak Cement', 'Materials', 'Mexico'],
  ['Aurora Wind', 'Utilities', 'Denmark'],
  ['Pinnacle Retail Group', 'Consumer Discretionary', 'United Kingdom'],
  ['Wavelength Telecom', 'Communication Services', 'Brazil'],
  ['Driftwood Apparel', 'Consumer Discretionary', 'Italy'],
  ['Summit Diagnostics', 'Healthcare', 'United States'],
  ['Copperleaf Agritech', 'Consumer Staples', 'New Zealand'],
  ['Vantage Data Centers Holdings', 'Real Estate', 'United States'],
  ['Marlin Shipping', 'Industrials', 'Norway'],
  ['Ember Batteries', 'Technology Hardware', 'China'],
  ['Clearpath Legal AI', 'Software', 'Canada'],
];

/** Deterministic pseudo-random numbers, so every install has the same demo data. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export interface DemoCompany {
  id: string;
  name: string;
  sector: string;
  country: string;
  founded: number;
  employees: number;
  revenue: number;
  revenuePrevYear: number;
  ebitda: number;
  netDebt: number;
  marketCap: number;
}

export function demoCompanies(): DemoCompany[] {
  const random = numbers(42);
  return NAMES.map(([name, sector, country], i) => {
    const revenue = Math.round(50 + random() * 4950);
    const growth = -0.1 + random() * 0.45;
    const margin = -0.05 + random() * 0.4;
    const ebitda = Math.round(revenue * margin);
    return {
      id: i === 0 ? '665f1c2a9b1e4a0012a3b4c6' : `665f1c2a9b1e4a0012a3${(0xb500 + i).toString(16)}`,
      name,
      sector,
      country,
      founded: 1950 + Math.floor(random() * 72),
      employees: Math.round(revenue * (2 + random() * 6)),
      revenue,
      revenuePrevYear: Math.round(revenue / (1 + growth)),
      ebitda,
      netDebt: Math.round(ebitda * (-1 + random() * 4)),
      marketCap: Math.round(revenue * (0.5 + random() * 7)),
    };
  });
}
