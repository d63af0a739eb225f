package org.ike4j.wire.v1;

import java.util.List;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.ErrorNotify;

/**
 * The Security Association payload, RFC 2408 section 3.4, with the IPsec DOI situation of
 * RFC 2407 section 4.6.1:
 *
 * <pre>
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * !              Domain of Interpretation  (DOI)                  !
 * ~                           Situation                           ~
 * ~                           Proposals                           ~
 * </pre>
 *
 * <p>The situation is read as the 32-bit bitmap of RFC 2407 section 4.2 for every DOI (DOI 0 and
 * GDOI use the same four bytes). An IPsec situation with SIT_SECRECY or SIT_INTEGRITY set would
 * be followed by labelled-domain fields; those are not supported and answer
 * SITUATION-NOT-SUPPORTED. Errors inside the proposals answer BAD-PROPOSAL-SYNTAX (RFC 2408
 * sections 5.5 and 5.6); a payload too short for DOI and situation answers PAYLOAD-MALFORMED.
 *
 * @param doi the DOI
 * @param situation the situation bits ({@link Doi#SIT_IDENTITY_ONLY}, ...)
 * @param proposals at least one proposal
 * @param reserved the generic header's RESERVED byte
 */
public record SecurityAssociationPayload(Doi doi, int situation, List<Proposal> proposals, int reserved)
        implements Payload {
    static final String NAME = "Security Association Payload";

    public SecurityAssociationPayload {
        proposals = List.copyOf(proposals);
        if (proposals.isEmpty()) {
            throw new IllegalArgumentException("an SA payload needs at least one proposal");
        }
        if (doi.code() == Doi.IPSEC.code() && (situation & (Doi.SIT_SECRECY | Doi.SIT_INTEGRITY)) != 0) {
            throw new IllegalArgumentException("labelled IPsec situations are not supported");
        }
        Checks.u8(reserved, "RESERVED");
    }

    public SecurityAssociationPayload(Doi doi, int situation, List<Proposal> proposals) {
        this(doi, situation, proposals, 0);
    }

    @Override
    public PayloadType type() {
        return PayloadType.SA;
    }

    @Override
    public int encodedBodyLength() {
        int n = 8;
        for (Proposal p : proposals) {
            n += p.encodedLength();
        }
        return n;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u32(doi.code() & 0xffffffffL).u32(situation & 0xffffffffL);
        for (int i = 0; i < proposals.size(); i++) {
            proposals.get(i).encode(w, i == proposals.size() - 1);
        }
    }

    static SecurityAssociationPayload decode(ByteReader r, int reserved) throws DecodeException {
        Doi doi = Doi.of(r.i32(NAME + ".DOI"));
        int situationAt = r.position();
        int situation = r.i32(NAME + ".Situation");
        if (doi.code() == Doi.IPSEC.code() && (situation & (Doi.SIT_SECRECY | Doi.SIT_INTEGRITY)) != 0) {
            throw new DecodeException(situationAt, NAME + ".Situation", ErrorNotify.V1_SITUATION_NOT_SUPPORTED,
                    "labelled situations (SIT_SECRECY, SIT_INTEGRITY) are not supported");
        }
        // The proposals get a reader of their own whose length errors answer BAD-PROPOSAL-SYNTAX;
        // its offsets are shifted back to the message's.
        int base = r.position();
        ByteReader pr = ByteReader.of(r.rest(), ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
        try {
            return new SecurityAssociationPayload(doi, situation, Proposal.decodeAll(pr), reserved);
        } catch (DecodeException e) {
            throw e.shifted(base);
        }
    }

    @Override
    public String title() {
        return "ISAKMP Security Association Payload";
    }

    @Override
    public void describe(TreeSink b) {
        b.code("DOI", doi);
        b.field("situation", Doi.situationName(situation));
        for (int i = 0; i < proposals.size(); i++) {
            proposals.get(i).describe(b, i == proposals.size() - 1);
        }
    }
}
