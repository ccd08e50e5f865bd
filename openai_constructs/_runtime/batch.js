// The node half of batched synthesis (openai_constructs/_runtime/batch.py).
//
// Generated resources and data sources are instances of BatchedResource / BatchedDataSource,
// so cdktf's own toTerraform() asks *this* code for their attributes instead of calling back
// into Python once per resource. The first element of a stack that is asked fetches the
// attributes of every batched element of that stack in one call to Python (source.collect)
// and parks them here; each element then takes its own entry, once. A synth pass therefore
// costs one round trip per stack, and a second pass (App.synth runs two) fetches again, so
// nothing stale is ever served. Python drops an element's parked entry (invalidate) when one
// of its attributes changes after a fetch.
//
// "__RUNTIME__" is replaced by the bound runtime's module name (cdktf or cdktn) when the
// package is assembled.
"use strict";
const path = require("path");
const RUNTIME = "__RUNTIME__";
const cdk = require(RUNTIME);

const parked = new WeakMap();
const OBJECT_ID = Symbol.for("$__jsii__objid__$");
let source;
let batching = true;

function isBatched(construct) {
  return construct instanceof BatchedResource || construct instanceof BatchedDataSource;
}

function fetchAttributes(element) {
  let elements = [element];
  if (batching) {
    const stack = cdk.TerraformStack.of(element);
    elements = stack.node.findAll().filter((c) => isBatched(c) && !parked.has(c));
    if (!elements.includes(element)) elements.push(element);
  }
  // Python holds every batched element (it created them), and the jsii kernel tags each
  // such object with the id both sides know it by: the ids travel as one string instead of
  // one object reference each for the kernel to marshal and Python to look up. (Objects
  // without the tag, were a kernel to stop tagging, travel as references.)
  const ids = elements.map((e) => e[OBJECT_ID]);
  const [text, objects] = ids.every((id) => typeof id === "string" && !id.includes(" "))
    ? source.collectIds(ids.join(" "))
    : source.collect(elements);
  const attributes = JSON.parse(text);
  for (let i = 0; i < elements.length; i++) {
    const value = attributes[i];
    parked.set(elements[i], value === null ? objects[String(i)] : value);
  }
}

function attributesOf(element) {
  if (!parked.has(element)) fetchAttributes(element);
  const attributes = parked.get(element);
  parked.delete(element);
  return attributes;
}

// Forgotten elements (openai_constructs.Retire): scope -> the addresses of the types it
// forgets ("openai_beta_thread", "data.openai_beta_thread"). Checked in node, on the
// ancestors of each element as it synthesizes, so an element declared after forget() is
// forgotten too and a synth costs no extra round trip.
const forgetting = new Map();

function forgets(element, address) {
  if (forgetting.size === 0) return false;
  for (const scope of element.node.scopes) {
    const addresses = forgetting.get(scope);
    if (addresses !== undefined && addresses.has(address)) return true;
  }
  return false;
}

// The TerraformResourceConfig of a generated class without meta-arguments, by a key Python
// gives it (built and checked once per class in Python). The first element
// of a class is created with the config and its key, which node keeps; every later one sends
// only the key, so no struct is marshalled and deserialized per element. Each element still
// gets its own config object, as from a struct.
const configs = new Map();

function configOf(config, key) {
  if (key === undefined || key === null) return config;
  if (config !== undefined && config !== null) {
    configs.set(key, config);
    return config;
  }
  const shared = configs.get(key);
  if (shared === undefined) throw new Error(`openai-constructs: no element config ${key}`);
  return { ...shared };
}

class BatchedResource extends cdk.TerraformResource {
  constructor(scope, id, config, key) {
    super(scope, id, configOf(config, key));
  }

  synthesizeAttributes() {
    return attributesOf(this);
  }

  // HCL is not batched: one call to Python per element, as a jsii override would make, but
  // without the override jsii would set up on every element node creates.
  synthesizeHclAttributes() {
    return source.hcl(this);
  }

  // A forgotten resource is a Terraform `removed` block (1.7+) in place of its own block:
  // Terraform drops its instances from the state without destroying them. cdktf merges
  // the arrays of all elements, as it does for `import` and `moved`.
  toTerraform() {
    const type = this.terraformResourceType;
    if (!forgets(this, type)) return super.toTerraform();
    return {
      removed: [{ from: `${type}.${this.friendlyUniqueId}`, lifecycle: { destroy: false } }],
    };
  }

  toHclTerraform() {
    if (!forgets(this, this.terraformResourceType)) return super.toHclTerraform();
    return this.toTerraform();
  }
}

class BatchedDataSource extends cdk.TerraformDataSource {
  constructor(scope, id, config, key) {
    super(scope, id, configOf(config, key));
  }

  synthesizeAttributes() {
    return attributesOf(this);
  }

  synthesizeHclAttributes() {
    return source.hcl(this);
  }

  // A forgotten data source is not written at all (nothing is read from a retired API).
  toTerraform() {
    if (!forgets(this, `data.${this.terraformResourceType}`)) return super.toTerraform();
    return {};
  }

  toHclTerraform() {
    if (!forgets(this, `data.${this.terraformResourceType}`)) return super.toHclTerraform();
    return {};
  }
}

class AttributeSource {
  static connect(python, batch) {
    source = python;
    batching = batch;
  }

  static invalidate(element) {
    parked.delete(element);
  }

  static forget(scope, addresses) {
    const known = forgetting.get(scope) || new Set();
    for (const address of addresses) known.add(address);
    forgetting.set(scope, known);
  }

  collect(_elements) {
    throw new Error("AttributeSource.collect is implemented in Python");
  }

  collectIds(_ids) {
    throw new Error("AttributeSource.collectIds is implemented in Python");
  }

  hcl(_element) {
    throw new Error("AttributeSource.hcl is implemented in Python");
  }
}

// Testing.synth(stack) rebuilds every object of the document with `{ ...acc, [key]: value }`
// inside a reduce to drop cdktf's "//" metadata: quadratic in the number of resources of one
// type (9 of 11 s at 8000 resources). Documents.synth does the same steps with a linear copy:
// the runtime's own aspects pass, toTerraform() and its own key-sorting stringifier (so key
// order before it does not matter), and gives the same text.
const STRINGIFY = {
  cdktf: ["json-stable-stringify", (stringify, value) => stringify(value, { space: 2 })],
  cdktn: ["safe-stable-stringify", (stringify, value) => stringify(value, null, 2)],
};

function fromRuntime(id) {
  const home = path.dirname(require.resolve(`${RUNTIME}/package.json`));
  const loaded = require(require.resolve(id, { paths: [home] }));
  return loaded.default !== undefined ? loaded.default : loaded;
}

function withoutMetadata(item) {
  if (item === null || typeof item !== "object") return item;
  if (Array.isArray(item)) return item.map(withoutMetadata);
  return Object.fromEntries(
    Object.entries(item)
      .filter(([key]) => key !== "//")
      .map(([key, value]) => [key, withoutMetadata(value)]),
  );
}

function internals() {
  // Runtime internals: a version that moves them falls back to Testing.synth itself.
  try {
    const { invokeAspects } = require(`${RUNTIME}/lib/synthesize/synthesizer`);
    const [name, write] = STRINGIFY[RUNTIME];
    const stringify = fromRuntime(name);
    if (typeof invokeAspects === "function" && typeof stringify === "function") {
      return { invokeAspects, write: (value) => write(stringify, value) };
    }
  } catch (_error) {
    // fall through
  }
  return undefined;
}

class Documents {
  static synth(stack) {
    const found = internals();
    if (found === undefined) return cdk.Testing.synth(stack);
    found.invokeAspects(stack);
    return found.write(withoutMetadata(stack.toTerraform()));
  }

  // The construct path, Terraform name and stack id of each element, in one request: the
  // checks App.synth runs on elements the package did not create (a plain TerraformOutput).
  static names(elements) {
    return JSON.stringify(
      elements.map((e) => [e.node.path, e.friendlyUniqueId, cdk.TerraformStack.of(e).node.id]),
    );
  }

  // One property of each element (a TerraformOutput's value), marshalled as a get of it is.
  static values(elements, property) {
    return elements.map((e) => e[property]);
  }

  // The document of a stack the app has synthesized (aspects already ran), metadata kept.
  static full(stack) {
    const found = internals();
    if (found === undefined) return JSON.stringify(stack.toTerraform(), null, 2);
    return found.write(stack.toTerraform());
  }
}

module.exports = { AttributeSource, BatchedDataSource, BatchedResource, Documents };
