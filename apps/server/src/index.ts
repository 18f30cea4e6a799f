export { type RunningSystem, type SystemOptions, services, startSystem } from './system.js';
