/**
 * A new element with attributes and children; text always goes in as text, never as markup.
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {(Node | string)[]} children
 */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * The element with this id, typed as what the page holds there.
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return /** @type {T} */ (node);
}

/** Shows a message to everyone, screen readers included (the element is role="alert"). */
export function showMessage(/** @type {string} */ text) {
  const message = byId('message');
  message.textContent = text;
  message.hidden = text === '';
}
