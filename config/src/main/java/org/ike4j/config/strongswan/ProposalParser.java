package org.ike4j.config.strongswan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.ChildProposal.Esn;
import org.ike4j.config.ChildProposal.Protocol;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Encryption;
import org.ike4j.config.IkeProposal;
import org.ike4j.config.SourceLocation;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;

/**
 * Parses strongSwan proposal strings: comma-separated proposals, each a dash-separated list of
 * algorithm keywords in any order, the whole optionally ending in {@code !} (strict: offer and
 * accept only these, without the daemon's defaults). Errors point at the offending keyword.
 */
public final class ProposalParser {

    /** Proposals and whether the list was marked strict. */
    public record Parsed<T>(List<T> proposals, boolean strict) {
    }

    private ProposalParser() {
    }

    /**
     * @param key the key the value came from (ike, esp, ah), for messages
     * @param at where the value's first character is
     */
    public static Parsed<IkeProposal> parseIke(String value, String key, SourceLocation at) throws ConfigException {
        List<IkeProposal> out = new ArrayList<>();
        boolean strict = forEach(value, key, at, (tokens, offsets) -> out.add(ike(tokens, offsets, key, at)));
        return new Parsed<>(out, strict);
    }

    public static Parsed<ChildProposal> parseChild(String value, String key, Protocol protocol, SourceLocation at)
            throws ConfigException {
        List<ChildProposal> out = new ArrayList<>();
        boolean strict = forEach(value, key, at, (tokens, offsets) -> out.add(child(tokens, offsets, key, protocol, at)));
        return new Parsed<>(out, strict);
    }

    private interface ProposalSink {
        void accept(List<String> tokens, List<Integer> offsets) throws ConfigException;
    }

    private static boolean forEach(String value, String key, SourceLocation at, ProposalSink sink)
            throws ConfigException {
        String v = value.strip();
        boolean strict = v.endsWith("!");
        if (strict) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.isBlank()) {
            throw new ConfigException(at, "expected algorithm keywords in " + key + "=");
        }
        int lead = value.length() - value.stripLeading().length();
        int pos = 0;
        for (String proposal : v.split(",", -1)) {
            List<String> tokens = new ArrayList<>();
            List<Integer> offsets = new ArrayList<>();
            int p = pos;
            for (String token : proposal.split("-", -1)) {
                String t = token.strip();
                if (t.isEmpty()) {
                    throw new ConfigException(col(at, lead + p), "empty algorithm keyword in " + key + "=");
                }
                tokens.add(t.toLowerCase(Locale.ROOT));
                offsets.add(lead + p + token.indexOf(t));
                p += token.length() + 1;
            }
            sink.accept(tokens, offsets);
            pos += proposal.length() + 1;
        }
        return strict;
    }

    private static SourceLocation col(SourceLocation at, int offset) {
        return new SourceLocation(at.file(), at.line(), at.column() + offset);
    }

    private static IkeProposal ike(List<String> tokens, List<Integer> offsets, String key,
                                   SourceLocation at) throws ConfigException {
        List<Encryption> enc = new ArrayList<>();
        List<IntegrityAlgorithm> integ = new ArrayList<>();
        List<PrfAlgorithm> prf = new ArrayList<>();
        List<DhGroup> dh = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            SourceLocation where = col(at, offsets.get(i));
            if (ProposalKeywords.ENCRYPTION.containsKey(t)) {
                Encryption e = ProposalKeywords.ENCRYPTION.get(t);
                if (e instanceof Encryption.Cipher c && c.algorithm() == org.ike4j.crypto.CipherAlgorithm.NULL) {
                    throw new ConfigException(where, "'null' encryption is not allowed in " + key + "=");
                }
                addOnce(enc, e);
            } else if (ProposalKeywords.INTEGRITY.containsKey(t)) {
                addOnce(integ, ProposalKeywords.INTEGRITY.get(t));
            } else if (ProposalKeywords.PRF.containsKey(t)) {
                addOnce(prf, ProposalKeywords.PRF.get(t));
            } else if (ProposalKeywords.DH.containsKey(t)) {
                addOnce(dh, ProposalKeywords.DH.get(t));
            } else {
                throw unknown(t, key, where, ProposalKeywords.ESN.containsKey(t));
            }
        }
        SourceLocation first = col(at, offsets.getFirst());
        checkEncryption(enc, integ, key, first);
        if (enc.getFirst().isAead() && prf.isEmpty()) {
            throw new ConfigException(first, "expected a PRF (e.g. prfsha256) with the AEAD algorithm in " + key + "=");
        }
        if (dh.isEmpty()) {
            throw new ConfigException(first, "expected a Diffie-Hellman group (e.g. modp2048, ecp256) in " + key + "=");
        }
        if (prf.isEmpty()) {
            for (IntegrityAlgorithm ia : integ) {
                addOnce(prf, ProposalKeywords.prfFor(ia));
            }
        }
        return new IkeProposal(enc, integ, prf, dh);
    }

    private static ChildProposal child(List<String> tokens, List<Integer> offsets, String key, Protocol protocol,
                                       SourceLocation at) throws ConfigException {
        List<Encryption> enc = new ArrayList<>();
        List<IntegrityAlgorithm> integ = new ArrayList<>();
        List<DhGroup> dh = new ArrayList<>();
        List<Esn> esn = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            SourceLocation where = col(at, offsets.get(i));
            if (ProposalKeywords.ENCRYPTION.containsKey(t) && protocol == Protocol.ESP) {
                addOnce(enc, ProposalKeywords.ENCRYPTION.get(t));
            } else if (ProposalKeywords.ENCRYPTION.containsKey(t)) {
                throw new ConfigException(where, "AH does not encrypt: unexpected '" + t + "' in " + key + "=");
            } else if (ProposalKeywords.INTEGRITY.containsKey(t)) {
                addOnce(integ, ProposalKeywords.INTEGRITY.get(t));
            } else if (ProposalKeywords.DH.containsKey(t)) {
                addOnce(dh, ProposalKeywords.DH.get(t));
            } else if (ProposalKeywords.ESN.containsKey(t)) {
                addOnce(esn, ProposalKeywords.ESN.get(t));
            } else if (ProposalKeywords.PRF.containsKey(t)) {
                throw new ConfigException(where, "a PRF ('" + t + "') belongs in ike=, not in " + key + "=");
            } else {
                throw unknown(t, key, where, false);
            }
        }
        SourceLocation first = col(at, offsets.getFirst());
        if (protocol == Protocol.ESP) {
            checkEncryption(enc, integ, key, first);
        } else if (integ.isEmpty()) {
            throw new ConfigException(first, "expected an integrity algorithm (e.g. sha256) in " + key + "=");
        }
        return new ChildProposal(protocol, enc, integ, dh, esn);
    }

    private static void checkEncryption(List<Encryption> enc, List<IntegrityAlgorithm> integ, String key,
                                        SourceLocation at) throws ConfigException {
        if (enc.isEmpty()) {
            throw new ConfigException(at, "expected an encryption algorithm (e.g. aes128) in " + key + "=");
        }
        boolean aead = enc.getFirst().isAead();
        for (Encryption e : enc) {
            if (e.isAead() != aead) {
                throw new ConfigException(at, "AEAD and classic encryption algorithms must be in separate proposals in "
                        + key + "=");
            }
        }
        if (aead && !integ.isEmpty()) {
            throw new ConfigException(at, "an AEAD algorithm takes no integrity algorithm in " + key + "=");
        }
        boolean nullCipher = enc.size() == 1 && !aead
                && ((Encryption.Cipher) enc.getFirst()).algorithm() == org.ike4j.crypto.CipherAlgorithm.NULL;
        if (!aead && integ.isEmpty() && !nullCipher) {
            throw new ConfigException(at, "expected an integrity algorithm (e.g. sha256) with "
                    + enc.getFirst() + " in " + key + "=");
        }
    }

    private static ConfigException unknown(String t, String key, SourceLocation where, boolean esnInIke) {
        if (esnInIke) {
            return new ConfigException(where, "'" + t + "' applies to esp= and ah=, not to " + key + "=");
        }
        if (ProposalKeywords.UNSUPPORTED.contains(t)) {
            return new ConfigException(where, "algorithm '" + t + "' in " + key + "= is not supported by ike4j");
        }
        return new ConfigException(where, "unknown algorithm '" + t + "' in " + key + "=");
    }

    private static <T> void addOnce(List<T> list, T item) {
        if (!list.contains(item)) {
            list.add(item);
        }
    }
}
