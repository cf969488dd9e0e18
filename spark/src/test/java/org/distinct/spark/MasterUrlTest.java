package org.distinct.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;

/** Master URLs: which are local, which endpoints a URL names, and the reachability check (no Spark started). */
class MasterUrlTest {
  @Test
  void localModesAreLocalAndNameNoEndpoint() {
    for (String m : new String[] {"local", "local[2]", "local[2,3]", "local[*]"}) {
      assertThat(MasterUrl.isLocal(m)).as(m).isTrue();
      assertThat(MasterUrl.endpoints(m)).as(m).isEmpty();
    }
    assertThat(MasterUrl.isLocal("spark://h:7077")).isFalse();
    assertThat(MasterUrl.endpoints("yarn")).isEmpty();
  }

  @Test
  void standaloneAndKubernetesUrlsNameTheirHostsAndPorts() {
    assertThat(MasterUrl.endpoints("spark://a:7078,b")).extracting(InetSocketAddress::getHostString, InetSocketAddress::getPort)
        .containsExactly(tuple("a", 7078), tuple("b", MasterUrl.STANDALONE_PORT));
    assertThat(MasterUrl.endpoints("k8s://https://api.example:6443").get(0).getPort()).isEqualTo(6443);
    assertThat(MasterUrl.endpoints("k8s://api.example").get(0).getPort()).isEqualTo(443);
    assertThatThrownBy(() -> MasterUrl.endpoints("spark://h:x")).isInstanceOf(BadInputException.class).hasMessage("--master spark://h:x: 'x' is not a port");
    assertThatThrownBy(() -> MasterUrl.endpoints("spark://h:0")).isInstanceOf(BadInputException.class).hasMessageContaining("port 0 is out of range");
    assertThatThrownBy(() -> MasterUrl.endpoints("spark://:7077")).isInstanceOf(BadInputException.class).hasMessageContaining("no host");
  }

  @Test
  void aListeningMasterPassesAndAClosedPortIsNamed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
      MasterUrl.requireReachable("spark://127.0.0.1:" + port, 2000);
    }
    int closed = port;
    assertThatThrownBy(() -> MasterUrl.requireReachable("spark://127.0.0.1:" + closed, 2000)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("--master spark://127.0.0.1:" + closed + ": cannot reach the master at 127.0.0.1:" + closed);
  }
}
