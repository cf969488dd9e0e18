package org.distinct;

/** The software version recorded in saved models and reports. */
public final class Version {
  /** The version string of this build of distinct. */
  public static final String VERSION = "0.1.0";

  private Version() {}
}
