/**
 * Wireshark's key tables ({@code ikev1_decryption_table}, {@code ikev2_decryption_table},
 * {@code esp_sa}) read and written as Wireshark 4.0 spells them, and ike4j's algorithms under
 * Wireshark's names.
 */
package org.ike4j.analysis.keys;
