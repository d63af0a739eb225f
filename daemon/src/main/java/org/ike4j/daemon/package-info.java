/** The daemon: sockets, timers, control socket and logging around the protocol engines. */
package org.ike4j.daemon;
