package org.ike4j.config;

/**
 * How traffic reaches the tunnel: by security policy (the traffic selectors are installed as
 * policies), or route-based through a tunnel interface (Junos {@code bind-interface st0.80}),
 * where the routing table decides and the selectors only name what is negotiated.
 */
public sealed interface Binding {

    record Policy() implements Binding {
        @Override
        public String toString() {
            return "policy";
        }
    }

    record Interface(String name) implements Binding {
        @Override
        public String toString() {
            return "interface " + name;
        }
    }

    Binding POLICY = new Policy();
}
