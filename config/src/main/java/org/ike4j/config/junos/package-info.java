/**
 * The Junos front end: configurations in brace form or as set commands, parsed into one tree and
 * mapped from {@code security ike} and {@code security ipsec} onto the {@link org.ike4j.config}
 * model by {@link org.ike4j.config.junos.JunosLoader}; {@link org.ike4j.config.junos.Junos9}
 * reads and writes "$9$" secrets.
 */
package org.ike4j.config.junos;
