package org.ike4j.wire.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.DecodeException;

/**
 * Security Association payload, SA (RFC 7296 section 3.3): one or more proposals, each with
 * its transforms. An SA payload without a proposal is INVALID_SYNTAX.
 */
public record SecurityAssociationPayload(PayloadFlags flags, List<Proposal> proposals) implements Payload {

    public SecurityAssociationPayload {
        Objects.requireNonNull(flags);
        proposals = List.copyOf(proposals);
    }

    public SecurityAssociationPayload(List<Proposal> proposals) {
        this(PayloadFlags.NONE, proposals);
    }

    @Override
    public PayloadType type() {
        return PayloadType.SA;
    }

    static SecurityAssociationPayload decode(PayloadFlags flags, ByteReader r) throws DecodeException {
        if (!r.hasRemaining()) {
            throw r.error("Security Association Payload.Proposals", "no proposal");
        }
        List<Proposal> proposals = new ArrayList<>();
        while (r.hasRemaining()) {
            proposals.add(Proposal.decode(r));
        }
        return new SecurityAssociationPayload(flags, proposals);
    }

    @Override
    public int encodedBodyLength() {
        int n = 0;
        for (Proposal p : proposals) {
            n += p.encodedLength();
        }
        return n;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        for (int i = 0; i < proposals.size(); i++) {
            proposals.get(i).encode(w, i == proposals.size() - 1);
        }
    }

    @Override
    public String title() {
        return "IKEv2 Security Association Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        for (Proposal p : proposals) {
            p.describe(b);
        }
    }
}
