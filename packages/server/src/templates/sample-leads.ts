import type { SampleDataset } from './template';

/** The CSV scoring sample: a list of fictional prospects, loaded as a CSV upload would be. */
export const SAMPLE_LEADS: SampleDataset = {
  name: 'sample-leads',
  description: 'Sample data for the CSV scoring template: fictional prospects',
  keys: ['id'],
  csv: `id,company,website,country,employees,industry,notes
lead-01,Brightwater Logistics,brightwater.example,Netherlands,340,Logistics software,Runs route planning for 60 regional carriers; evaluating AI tools
lead-02,Copperfield Bakeries,copperfield.example,United Kingdom,2100,Food retail,Family-owned chain of 180 shops
lead-03,Nordlys Fintech,nordlys.example,Norway,120,Financial software,Series B; sells compliance software to banks
lead-04,Mesa Verde Clinics,mesaverde.example,United States,850,Healthcare services,Outpatient clinics in Arizona
lead-05,Kappa Systems,kappa.example,Germany,460,Industrial software,Builds manufacturing execution software for mid-size plants
lead-06,Ondine Studios,ondine.example,France,35,Games,Indie studio of 35 people
lead-07,Tallgrass Analytics,tallgrass.example,Ireland,210,Data analytics software,Serves insurers; growing 40% a year
lead-08,Redwood Builders,redwood.example,Canada,1300,Construction,General contractor for commercial buildings
`,
};
