package org.ike4j.config;

/**
 * What happens to a connection when loaded: ignore it, only load it (respond, initiate on
 * command), install trap policies and initiate on traffic (Junos establish-tunnels on-traffic), or
 * initiate at once (Junos establish-tunnels immediately).
 */
public enum StartAction { IGNORE, ADD, ROUTE, START }
