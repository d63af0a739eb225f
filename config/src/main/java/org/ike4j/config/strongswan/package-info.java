/**
 * The strongSwan front end: ipsec.conf(5) ({@code config setup}, {@code conn}, {@code %default},
 * {@code also=}, {@code include}), strongSwan's proposal keywords, and ipsec.secrets(5), loaded
 * onto the {@link org.ike4j.config} model by {@link org.ike4j.config.strongswan.StrongSwanLoader}.
 */
package org.ike4j.config.strongswan;
