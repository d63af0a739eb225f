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
 * <p>Empty {@code ikeProposals} or {@code childProposals} mean the engine's default proposals (an
 * ipsec.conf conn without ike= or esp=); {@code ...Strict} means only the listed proposals are
 * acceptable, without the defaults (strongSwan's trailing {@code !}; always so for Junos).
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

    /**
     * A builder pre-set with strongSwan's defaults. Each setting has a setter (returning the
     * builder) and a getter of the same name, so front ends can adjust what they set before.
     */
    public static final class Builder {
        private final String name;
        private IkeVersion ikeVersion = IkeVersion.ANY;
        private Ikev1Mode ikev1Mode = Ikev1Mode.MAIN;
        private Endpoint local = new Endpoint(PeerAddress.ANY, 0, Identity.ANY, List.of());
        private Endpoint remote = new Endpoint(PeerAddress.ANY, 0, Identity.ANY, List.of());
        private AuthMethod authMethod = AuthMethod.PUBKEY;
        private List<IkeProposal> ikeProposals = List.of();
        private boolean ikeProposalsStrict;
        private List<ChildProposal> childProposals = List.of();
        private boolean childProposalsStrict;
        private Lifetimes lifetimes = Lifetimes.DEFAULTS;
        private int keyingTries = 3;
        private boolean rekey = true;
        private boolean reauth = true;
        private Dpd dpd = Dpd.NONE;
        private boolean natTraversal = true;
        private boolean forceEncaps;
        private Duration natKeepalive = Duration.ofSeconds(20);
        private boolean mobike = true;
        private StartAction startAction = StartAction.IGNORE;
        private CloseAction closeAction = CloseAction.NONE;
        private Binding binding = Binding.POLICY;
        private int replayWindow = 32;
        private IpsecMode mode = IpsecMode.TUNNEL;
        private DfBit dfBit = DfBit.CLEAR;

        private Builder(String name) {
            this.name = name;
        }

        public Builder ikeVersion(IkeVersion value) {
            this.ikeVersion = Objects.requireNonNull(value);
            return this;
        }

        public IkeVersion ikeVersion() {
            return ikeVersion;
        }

        public Builder ikev1Mode(Ikev1Mode value) {
            this.ikev1Mode = Objects.requireNonNull(value);
            return this;
        }

        public Ikev1Mode ikev1Mode() {
            return ikev1Mode;
        }

        public Builder local(Endpoint value) {
            this.local = Objects.requireNonNull(value);
            return this;
        }

        public Endpoint local() {
            return local;
        }

        public Builder remote(Endpoint value) {
            this.remote = Objects.requireNonNull(value);
            return this;
        }

        public Endpoint remote() {
            return remote;
        }

        public Builder authMethod(AuthMethod value) {
            this.authMethod = Objects.requireNonNull(value);
            return this;
        }

        public AuthMethod authMethod() {
            return authMethod;
        }

        public Builder ikeProposals(List<IkeProposal> value) {
            this.ikeProposals = List.copyOf(value);
            return this;
        }

        public List<IkeProposal> ikeProposals() {
            return ikeProposals;
        }

        public Builder ikeProposalsStrict(boolean value) {
            this.ikeProposalsStrict = value;
            return this;
        }

        public boolean ikeProposalsStrict() {
            return ikeProposalsStrict;
        }

        public Builder childProposals(List<ChildProposal> value) {
            this.childProposals = List.copyOf(value);
            return this;
        }

        public List<ChildProposal> childProposals() {
            return childProposals;
        }

        public Builder childProposalsStrict(boolean value) {
            this.childProposalsStrict = value;
            return this;
        }

        public boolean childProposalsStrict() {
            return childProposalsStrict;
        }

        public Builder lifetimes(Lifetimes value) {
            this.lifetimes = Objects.requireNonNull(value);
            return this;
        }

        public Lifetimes lifetimes() {
            return lifetimes;
        }

        public Builder keyingTries(int value) {
            this.keyingTries = value;
            return this;
        }

        public int keyingTries() {
            return keyingTries;
        }

        public Builder rekey(boolean value) {
            this.rekey = value;
            return this;
        }

        public boolean rekey() {
            return rekey;
        }

        public Builder reauth(boolean value) {
            this.reauth = value;
            return this;
        }

        public boolean reauth() {
            return reauth;
        }

        public Builder dpd(Dpd value) {
            this.dpd = Objects.requireNonNull(value);
            return this;
        }

        public Dpd dpd() {
            return dpd;
        }

        public Builder natTraversal(boolean value) {
            this.natTraversal = value;
            return this;
        }

        public boolean natTraversal() {
            return natTraversal;
        }

        public Builder forceEncaps(boolean value) {
            this.forceEncaps = value;
            return this;
        }

        public boolean forceEncaps() {
            return forceEncaps;
        }

        public Builder natKeepalive(Duration value) {
            this.natKeepalive = Objects.requireNonNull(value);
            return this;
        }

        public Duration natKeepalive() {
            return natKeepalive;
        }

        public Builder mobike(boolean value) {
            this.mobike = value;
            return this;
        }

        public boolean mobike() {
            return mobike;
        }

        public Builder startAction(StartAction value) {
            this.startAction = Objects.requireNonNull(value);
            return this;
        }

        public StartAction startAction() {
            return startAction;
        }

        public Builder closeAction(CloseAction value) {
            this.closeAction = Objects.requireNonNull(value);
            return this;
        }

        public CloseAction closeAction() {
            return closeAction;
        }

        public Builder binding(Binding value) {
            this.binding = Objects.requireNonNull(value);
            return this;
        }

        public Binding binding() {
            return binding;
        }

        public Builder replayWindow(int value) {
            this.replayWindow = value;
            return this;
        }

        public int replayWindow() {
            return replayWindow;
        }

        public Builder mode(IpsecMode value) {
            this.mode = Objects.requireNonNull(value);
            return this;
        }

        public IpsecMode mode() {
            return mode;
        }

        public Builder dfBit(DfBit value) {
            this.dfBit = Objects.requireNonNull(value);
            return this;
        }

        public DfBit dfBit() {
            return dfBit;
        }

        public Connection build() {
            return new Connection(name, ikeVersion, ikev1Mode, local, remote, authMethod, ikeProposals,
                    ikeProposalsStrict, childProposals, childProposalsStrict, lifetimes, keyingTries, rekey, reauth,
                    dpd, natTraversal, forceEncaps, natKeepalive, mobike, startAction, closeAction, binding,
                    replayWindow, mode, dfBit);
        }
    }
}
