package org.ike4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.GlobalSettings;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.Secrets;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;

/** Datagrams by the header's major version, timers by their owner, commands by the connection's version. */
class VersionDispatchTest {

    /** Records what it was given. */
    static final class Recorder implements Engine {
        final List<Input> inputs = new ArrayList<>();
        final String name;

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public List<Action> handle(Input input) {
            inputs.add(input);
            return List.of();
        }

        @Override
        public Snapshot snapshot() {
            return new Snapshot(0, List.of(new Snapshot.ConnectionInfo(name, "")), List.of(), List.of());
        }
    }

    static Input.Datagram datagram(int versionOctet) throws Exception {
        byte[] b = new byte[28];
        b[17] = (byte) versionOctet;
        InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), 500);
        return new Input.Datagram(a, a, Bytes.wrap(b), false);
    }

    @Test
    void routes() throws Exception {
        Recorder v1 = new Recorder("one");
        Recorder v2 = new Recorder("two");
        VersionDispatch d = new VersionDispatch(v1, v2, "v2#");
        d.handle(datagram(0x10));
        d.handle(datagram(0x20));
        d.handle(new Input.TimerFired(new TimerKey("retransmit", "#3/00000001")));
        d.handle(new Input.TimerFired(new TimerKey("retransmit", "v2#3/1")));
        Configuration cfg = new Configuration(Map.of(
                "a", Connection.builder("a").ikeVersion(IkeVersion.IKEV1).build(),
                "b", Connection.builder("b").ikeVersion(IkeVersion.IKEV2).build()),
                Secrets.EMPTY, GlobalSettings.EMPTY, Map.of(), List.of());
        d.handle(new Input.Command(new Operator.Reload(cfg)));
        d.handle(new Input.Command(new Operator.Up("a")));
        d.handle(new Input.Command(new Operator.Up("b")));
        d.handle(new Input.Command(new Operator.Down("b")));
        assertEquals(4, v1.inputs.size(), v1.inputs.toString());
        assertEquals(5, v2.inputs.size(), v2.inputs.toString());
        assertEquals(0x10, ((Input.Datagram) v1.inputs.get(0)).data().get(17));
        assertEquals(0x20, ((Input.Datagram) v2.inputs.get(0)).data().get(17));
        assertEquals(new Operator.Up("a"), ((Input.Command) v1.inputs.get(3)).command());
        assertEquals(new Operator.Down("b"), ((Input.Command) v2.inputs.get(4)).command());
        assertEquals(List.of("one", "two"), d.snapshot().connections().stream().map(Snapshot.ConnectionInfo::name).toList());
    }
}
