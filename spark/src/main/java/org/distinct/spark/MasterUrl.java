package org.distinct.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.distinct.BadInputException;

/**
 * A Spark master URL, and whether its endpoints answer before Spark is started: a standalone master that cannot be
 * reached would otherwise be retried by Spark for a minute and then leave the driver waiting.
 */
final class MasterUrl {
  /** Port of a standalone master URL that names none ({@code spark://host}). */
  static final int STANDALONE_PORT = 7077;

  private MasterUrl() {}

  /**
   * @param master a master URL
   * @return whether it runs everything in the driver's JVM ({@code local}, {@code local[N]}, {@code local[N,F]},
   *     {@code local[*]})
   */
  static boolean isLocal(String master) {
    return master.equals("local") || master.startsWith("local[");
  }

  /**
   * The TCP endpoints a master URL names: every host of a standalone master ({@code spark://h1:p1,h2:p2}), the API
   * server of {@code k8s://https://host:port}; none for local mode, YARN (configured elsewhere) or anything else.
   *
   * @param master a master URL
   * @return its endpoints (unresolved)
   * @throws BadInputException naming the URL when a host or port cannot be read
   */
  static List<InetSocketAddress> endpoints(String master) {
    List<InetSocketAddress> out = new ArrayList<>();
    if (master.startsWith("spark://")) {
      for (String hp : master.substring("spark://".length()).split(",")) out.add(hostPort(master, hp, STANDALONE_PORT));
    } else if (master.startsWith("k8s://")) {
      String rest = master.substring("k8s://".length());
      if (!rest.contains("://")) rest = "https://" + rest;
      try {
        URI u = new URI(rest);
        if (u.getHost() == null) throw new BadInputException("--master " + master + ": no host in the Kubernetes API server URL");
        int port = u.getPort() > 0 ? u.getPort() : u.getScheme().equals("http") ? 80 : 443;
        out.add(InetSocketAddress.createUnresolved(u.getHost(), port));
      } catch (URISyntaxException e) {
        throw new BadInputException("--master " + master + ": not a URL (" + e.getReason() + ")", e);
      }
    }
    return out;
  }

  private static InetSocketAddress hostPort(String master, String hp, int defaultPort) {
    int colon = hp.lastIndexOf(':');
    String host = colon < 0 ? hp : hp.substring(0, colon);
    if (host.isBlank()) throw new BadInputException("--master " + master + ": no host in '" + hp + "'");
    int port = defaultPort;
    if (colon >= 0) {
      try {
        port = Integer.parseInt(hp.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new BadInputException("--master " + master + ": '" + hp.substring(colon + 1) + "' is not a port", e);
      }
      if (port < 1 || port > 65535) throw new BadInputException("--master " + master + ": port " + port + " is out of range");
    }
    return InetSocketAddress.createUnresolved(host, port);
  }

  /**
   * Checks that at least one endpoint of the master accepts a TCP connection.
   *
   * @param master a master URL
   * @param timeoutMillis how long to wait for each endpoint
   * @throws BadInputException naming the URL and why the last endpoint tried failed, when none answers
   */
  static void requireReachable(String master, int timeoutMillis) {
    List<InetSocketAddress> eps = endpoints(master);
    String why = null;
    for (InetSocketAddress ep : eps) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(ep.getHostString(), ep.getPort()), timeoutMillis);
        return;
      } catch (IOException | IllegalArgumentException e) {
        why = ep.getHostString() + ":" + ep.getPort() + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
      }
    }
    if (why != null) throw new BadInputException("--master " + master + ": cannot reach the master at " + why);
  }
}
