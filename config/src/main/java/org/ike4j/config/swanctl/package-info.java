/**
 * The swanctl.conf front end: strongSwan's settings syntax (sections, {@code key = value},
 * {@code include}, section references) read by {@link org.ike4j.config.swanctl.SettingsParser},
 * and the {@code connections} and {@code secrets} sections of swanctl.conf(5) mapped onto the
 * {@link org.ike4j.config} model by {@link org.ike4j.config.swanctl.SwanctlLoader}.
 */
package org.ike4j.config.swanctl;
