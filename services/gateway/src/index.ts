export { buildGateway, type GatewayDependencies, routedServices } from './app.js';
export { type GatewayConfig, gatewayEnvironment, loadGatewayConfig, type TrustProxy } from './config.js';
