/**
 * The event contracts shared by every Relance service: the CloudEvents 1.0 envelope, the catalogue
 * of event types (one topic and one JSON Schema each), RFC 8785 canonical JSON and the SHA-256 hash
 * chain that makes each stream tamper-evident.
 *
 * <p>Nothing here holds a business rule: a service's decisions live in its own domain package.
 */
package org.relance.contracts;
