package org.relance.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The calls an ERP, a credit manager, a viewer and an operator make, with their tokens from the
 * identity provider, as the README's curl walk-through makes them.
 */
final class Api {

  private final Stack stack;
  private final String tenant;

  Api(Stack stack, String tenant) {
    this.stack = stack;
    this.tenant = tenant;
  }

  static String invoice(String number, String debtorId, String email, String amount, String due) {
    return """
        {"invoiceNumber":"%s","debtor":{"id":"%s","name":"Dupont SARL","email":"%s",
         "address":{"lines":["12 rue des Lilas"],"postalCode":"69003","city":"Lyon","country":"FR"}},
         "issueDate":"2026-01-05","dueDate":"%s","currency":"EUR","amount":"%s"}"""
        .formatted(number, debtorId, email, due, amount);
  }

  String issue(String body) {
    return given()
        .baseUri(stack.url("invoice-service"))
        .auth()
        .oauth2(stack.token("erp", tenant))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/invoices")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  ValidatableResponse pay(String invoiceId, String amount, String paidOn, String reference) {
    return given()
        .baseUri(stack.url("invoice-service"))
        .auth()
        .oauth2(stack.token("erp", tenant))
        .contentType(ContentType.JSON)
        .body(
            "{\"amount\":\"%s\",\"paidOn\":\"%s\",\"reference\":\"%s\"}"
                .formatted(amount, paidOn, reference))
        .post("/api/v1/invoices/" + invoiceId + "/payments")
        .then();
  }

  ValidatableResponse advance(int days) {
    return given()
        .baseUri(stack.url("invoice-service"))
        .auth()
        .oauth2(stack.token("operator", null))
        .contentType(ContentType.JSON)
        .body("{\"days\":" + days + "}")
        .post("/api/v1/tenants/" + tenant + "/clock/advance")
        .then()
        .statusCode(200);
  }

  /** A command of a credit manager (a promise, a dispute...): the token names the actor. */
  ValidatableResponse post(String service, String path, String body) {
    return given()
        .baseUri(stack.url(service))
        .auth()
        .oauth2(stack.token("credit-manager", tenant))
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then();
  }

  ValidatableResponse get(String service, String path) {
    return given()
        .baseUri(stack.url(service))
        .auth()
        .oauth2(stack.token("viewer", tenant))
        .get(path)
        .then();
  }

  /** A read of an operator (dispatches in doubt, dead letters): a token without a tenant. */
  ValidatableResponse operatorGet(String service, String path) {
    return given()
        .baseUri(stack.url(service))
        .auth()
        .oauth2(stack.token("operator", null))
        .get(path)
        .then();
  }

  /** An operator's command (resolving a dispatch in doubt). */
  ValidatableResponse operatorPost(String service, String path, String body) {
    return given()
        .baseUri(stack.url(service))
        .auth()
        .oauth2(stack.token("operator", null))
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then();
  }
}
