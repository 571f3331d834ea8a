/**
 * The naming rules of generated code (generator/emit/names.ts, symbols.ts):
 * one rule, "append `$`", applied to whatever would break or shadow.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { declarationName, enumMemberName, localTypeName, methodKey, propertyName } from "../generator/emit/names.js";
import { SchemaIndex } from "../generator/emit/symbols.js";
import { enumType, field, file, message, schema } from "./emit-harness.js";

test("properties follow protoc's json_name rule", () => {
  assert.equal(propertyName("foo_bar"), "fooBar");
  assert.equal(propertyName("foo_bar_1"), "fooBar1");
  assert.equal(propertyName("Foo"), "Foo");
  assert.equal(propertyName("__proto__"), "Proto");
});

test("properties inherited from Object.prototype get a `$`", () => {
  for (const name of ["constructor", "toString", "to_string", "valueOf", "hasOwnProperty", "toJSON", "isPrototypeOf"]) {
    assert.match(propertyName(name), /\$$/, name);
  }
  assert.equal(propertyName("prototype"), "prototype");
  assert.equal(propertyName("delete"), "delete", "reserved words are fine as property names");
});

test("names that are not identifiers after camel-casing get a leading `$`", () => {
  assert.equal(propertyName("_1st"), "$1st");
  assert.equal(propertyName("_"), "$");
});

test("declarations that are reserved words, TS type names or globals get a `$`", () => {
  for (const name of ["Object", "Promise", "Error", "Uint8Array", "Array", "Map", "JSON", "string", "number", "default", "class", "undefined", "NaN"]) {
    assert.equal(declarationName(name), `${name}$`);
  }
  assert.equal(declarationName("Greeter"), "Greeter");
});

test("enum members keep their proto names except __proto__", () => {
  assert.equal(enumMemberName("delete"), "delete");
  assert.equal(enumMemberName("__proto__"), "__proto__$");
});

test("method keys are lowerCamelCase", () => {
  assert.equal(methodKey("SayHello"), "sayHello");
  assert.equal(methodKey("get_thing"), "getThing");
  assert.equal(methodKey("ToString"), "toString$");
});

test("nested types join their names with `_` below the package", () => {
  assert.equal(localTypeName("pkg.v1.Outer.Inner", "pkg.v1"), "Outer_Inner");
  assert.equal(localTypeName("Top", ""), "Top");
});

test("types whose joined names collide are told apart by `$`, in declaration order", () => {
  const index = new SchemaIndex(schema(file("x.proto", "x", {
    messages: [
      message("x.A", [], { nestedMessages: [message("x.A.B", [field("n", 1, "int32")])] }),
      message("x.A_B", []),
    ],
    enums: [enumType("x.Error", [["E_UNSPECIFIED", 0]])],
  })));
  assert.deepEqual(index.file("x.proto").types.map((t) => `${t.model.fullName}=${t.name}`), ["x.A=A", "x.A.B=A_B", "x.A_B=A_B$", "x.Error=Error$"]);
});
