package org.distinct.spark;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.spark.SparkEnv;

/** Names the executor a task runs on, for messages. */
final class Where {
  private Where() {}

  /** @return e.g. {@code executor 3 on host node-7}, or {@code executor driver on host h} in local mode */
  static String executor() {
    SparkEnv env = SparkEnv.get();
    return "executor " + (env == null ? "?" : env.executorId()) + " on host " + host();
  }

  /** @return this machine's host name */
  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "?";
    }
  }
}
