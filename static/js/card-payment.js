// The card payment step: mounts Stripe's Payment Element and confirms the PaymentIntent with
// stripe.confirmPayment, which takes the customer to the result page (return_url). Everything comes from the
// form's data- attributes (the CSP forbids inline script). The order becomes paid only through Stripe's
// webhook: the result page reads the real status from the server.
//
// localstripe's Stripe.js stand-in (tests, a local trial) has no Payment Element and no confirmPayment: it
// shows plain card inputs and tokenises the card, and our server confirms the PaymentIntent with that card.
(function () {
  "use strict";

  var form = document.getElementById("card-payment");
  if (!form) return;
  var data = form.dataset;
  var message = form.querySelector("[data-payment-message]");
  var button = form.querySelector("[data-pay-button]");

  function say(text) {
    message.textContent = text || "";
  }

  if (typeof window.Stripe !== "function") {
    say(data.messageUnavailable);
    return;
  }

  var stripe = window.Stripe(data.publishableKey, { locale: data.locale });
  var standIn = typeof stripe.confirmPayment !== "function";
  var elements = standIn ? stripe.elements() : stripe.elements({
    clientSecret: data.clientSecret,
    locale: data.locale,
    appearance: { theme: "stripe", variables: { colorPrimary: "#2a1a14", borderRadius: "8px" } }
  });
  var element = elements.create(standIn ? "card" : "payment");
  element.mount(form.querySelector("[data-payment-element]"));
  labelStandInInputs();
  button.disabled = false;

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    say("");
    (standIn ? payThroughStandIn() : payThroughStripe()).then(function (problem) {
      if (!problem) return;  // on the way to the result page
      say(problem);
      button.disabled = false;
      button.removeAttribute("aria-busy");
    });
  });

  function payThroughStripe() {
    return stripe.confirmPayment({ elements: elements, confirmParams: { return_url: data.returnUrl } })
      .then(function (result) {
        // confirmPayment comes back only with an error; success leaves for return_url.
        if (result.error && result.error.type === "card_error") {
          // A declined card fails the order (the webhook says so): the result page shows it.
          window.location.assign(data.returnUrl);
          return null;
        }
        return (result.error && result.error.message) || data.messageInvalid;
      });
  }

  function payThroughStandIn() {
    return stripe.createToken(element).then(function (result) {
      if (!result.token) return data.messageInvalid;
      return fetch(data.standInUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ card: result.token.card.id })
      }).then(function (response) {
        return response.json();
      }).then(function (answer) {
        if (answer.status === "refused") return answer.message || data.messageInvalid;
        if (answer.status === "requires_action") {
          return stripe.confirmCardPayment(data.clientSecret).then(goToResult);
        }
        return goToResult();
      });
    }, function () {
      return data.messageUnavailable;
    });
  }

  function goToResult() {
    window.location.assign(data.returnUrl);
    return null;
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // The stand-in's inputs carry only placeholders: give them names a screen reader can announce.
  function labelStandInInputs() {
    if (!standIn) return;
    var inputs = form.querySelectorAll("[data-payment-element] input");
    var names = ["Card number", "Expiry month (MM)", "Expiry year (YY)", "CVC", "Postcode"];
    Array.prototype.forEach.call(inputs, function (input, index) {
      if (names[index]) input.setAttribute("aria-label", names[index]);
      input.setAttribute("inputmode", "numeric");
      input.setAttribute("autocomplete", "off");
    });
  }
})();
