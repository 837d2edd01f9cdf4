export * from './errors';
export * from './ids';
export * from './definition';
export * from './resources';
export * from './requests';
export * from './events';
export * from './schedules';
export * from './endpoints';
