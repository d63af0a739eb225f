package org.ike4j.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One IKE connection with the IPsec SAs it negotiates: everything the engine needs, with no trace
 * of the file format it came from. Defaults (see {@link Builder}) are strongSwan's where the
 * ipsec.conf(5) manual gives one; Junos defaults are applied by its front end.
 *
 * <p>Secrets are not here: the PSK is looked up in {@link Secrets} by the identities.
 *
 * @param keyingTries attempts to negotiate (or renegotiate) before giving up; 0 means forever
 * @param replayWindow anti-replay window in packets (RFC 4303 section 3.4.3); 0 disables it
 * @param natKeepalive interval of NAT-T keepalives (RFC 3948 section 2.3); zero for none
 */
public record Connection(
        String name,
        IkeVersion ikeVersion,
        Ikev1Mode ikev1Mode,
        Endpoint local,
        Endpoint remote,
        AuthMethod authMethod,
        List<IkeProposal> ikeProposals,
        boolean ikeProposalsStrict,
        List<ChildProposal> childProposals,
        boolean childProposalsStrict,
        Lifetimes lifetimes,
        int keyingTries,
        boolean rekey,
        boolean reauth,
        Dpd dpd,
        boolean natTraversal,
        boolean forceEncaps,
        Duration natKeepalive,
        boolean mobike,
        StartAction startAction,
        CloseAction closeAction,
        Binding binding,
        int replayWindow,
        IpsecMode mode,
        DfBit dfBit) {

    public Connection {
        Objects.requireNonNull(name);
        ikeProposals = List.copyOf(ikeProposals);
        childProposals = List.copyOf(childProposals);
        if (keyingTries < 0 || replayWindow < 0) {
            throw new IllegalArgumentException("negative keyingtries or replay window");
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder pre-set with strongSwan's defaults. */
    public static final class Builder {
        public String name;
        public IkeVersion ikeVersion = IkeVersion.ANY;
        public Ikev1Mode ikev1Mode = Ikev1Mode.MAIN;
        public Endpoint local = new Endpoint(PeerAddress.ANY, 0, Identity.ANY, List.of());
        public Endpoint remote = new Endpoint(PeerAddress.ANY, 0, Identity.ANY, List.of());
        public AuthMethod authMethod = AuthMethod.PUBKEY;
        public List<IkeProposal> ikeProposals = List.of();
        public boolean ikeProposalsStrict;
        public List<ChildProposal> childProposals = List.of();
        public boolean childProposalsStrict;
        public Lifetimes lifetimes = Lifetimes.DEFAULTS;
        public int keyingTries = 3;
        public boolean rekey = true;
        public boolean reauth = true;
        public Dpd dpd = Dpd.NONE;
        public boolean natTraversal = true;
        public boolean forceEncaps;
        public Duration natKeepalive = Duration.ofSeconds(20);
        public boolean mobike = true;
        public StartAction startAction = StartAction.IGNORE;
        public CloseAction closeAction = CloseAction.NONE;
        public Binding binding = Binding.POLICY;
        public int replayWindow = 32;
        public IpsecMode mode = IpsecMode.TUNNEL;
        public DfBit dfBit = DfBit.CLEAR;

        private Builder(String name) {
            this.name = name;
        }

        public Connection build() {
            return new Connection(name, ikeVersion, ikev1Mode, local, remote, authMethod, ikeProposals,
                    ikeProposalsStrict, childProposals, childProposalsStrict, lifetimes, keyingTries, rekey, reauth,
                    dpd, natTraversal, forceEncaps, natKeepalive, mobike, startAction, closeAction, binding,
                    replayWindow, mode, dfBit);
        }
    }
}
