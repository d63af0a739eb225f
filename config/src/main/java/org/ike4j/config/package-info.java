/**
 * The one configuration model the engine sees, whatever file it came from: connections with
 * their peers, identities, proposals, proxy-IDs (traffic selectors), lifetimes, DPD and NAT-T
 * settings, and the secrets that authenticate them. Front ends in sub-packages read strongSwan's
 * ipsec.conf/ipsec.secrets and swanctl.conf, and Junos configurations, onto it.
 */
package org.ike4j.config;
