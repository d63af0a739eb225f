package org.ike4j.engine.v2;

import java.util.List;
import org.ike4j.config.Connection;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.NotifyType;
import org.ike4j.wire.v2.Payload;

/** The CREATE_CHILD_SA exchange (RFC 7296 section 1.3). */
final class CreateChildSa {
    private CreateChildSa() {
    }

    static void respond(Ikev2Engine engine, IkeSa sa, Ikev2Header h, List<Payload> inner, Outbox out) {
        out.info(sa, "CREATE_CHILD_SA is not supported yet: answering NO_ADDITIONAL_SAS");
        engine.sendResponse(out, sa, h, List.of(new NotifyPayload(NotifyType.NO_ADDITIONAL_SAS, Bytes.EMPTY)));
    }

    static void newChild(Ikev2Engine engine, IkeSa sa, Connection c, Outbox out) {
        out.info(sa, "IKE SA of " + c.name() + " is up already");
    }

    static void rekeyChild(Ikev2Engine engine, IkeSa sa, ChildState c, Outbox out) {
        out.info(sa, "Child SA rekeying is not supported yet");
    }

    static void rekeyIke(Ikev2Engine engine, IkeSa sa, Outbox out) {
        out.info(sa, "IKE SA rekeying is not supported yet");
    }

    static void processChildResponse(Ikev2Engine engine, IkeSa sa, Request.CreateChild r, List<Payload> inner, Outbox out) {
    }

    static void processIkeResponse(Ikev2Engine engine, IkeSa sa, Request.RekeyIke r, List<Payload> inner, Outbox out) {
    }
}
