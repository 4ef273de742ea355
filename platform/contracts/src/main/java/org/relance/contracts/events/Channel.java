package org.relance.contracts.events;

public enum Channel {
  EMAIL,
  SMS,
  LETTER,
  REGISTERED_LETTER,
  PHONE_TASK
}
