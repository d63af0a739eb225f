/**
 * Keys from IKE daemons' debug logs: pluto (strongSwan 4.x, Openswan; {@code plutodebug=all}) and
 * charon (strongSwan 5.9; {@code ike 4}, {@code chd 4}), as rows for Wireshark's key tables.
 */
package org.ike4j.analysis.logs;
