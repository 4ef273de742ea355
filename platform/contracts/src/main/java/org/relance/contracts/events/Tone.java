package org.relance.contracts.events;

public enum Tone {
  COURTEOUS,
  FIRM,
  FORMAL_NOTICE
}
