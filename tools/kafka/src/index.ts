export { brokerLayout, KAFKA_VERSION } from './layout';
export type { BrokerLayout, BrokerLayoutOptions, SaslListener, TlsListener } from './layout';
export { ensureJars } from './jars';
export { startBroker, stopBroker, brokerStatus } from './broker';
export type { BrokerStatus, StartOptions } from './broker';
