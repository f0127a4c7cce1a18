"""moto's server, with its lookups by id answered without going through everything moto ever held, its serializer's
names and values picked without a walk for each attribute, and its XML written as text.

moto 5.2.5 answers the lookups by a walk over all it holds, so a simulated fleet's run grows with the square of its size:

- DescribeInstances with the instance-id filter (moto/ec2/models/instances.py, InstanceBackend.describe_instances)
  copies every reservation and runs each filter over every instance, terminated ones included. The instance-id
  filter is an exact match in moto (moto/ec2/utils.py, filter_dict_attribute_mapping and
  instance_value_in_filter_values), so keeping only the reservations that hold one of the ids before moto's own
  filters run gives the same answer, in the same order, with the same other filters (state, tags) applied.
- One instance by id (InstanceBackend.get_instance, asked by every launch's volume attachment and every
  termination's detachment) and several (get_multi_instances_by_id, every TerminateInstances) are found by a walk
  over every instance moto holds. The launcher keeps each instance's reservation by id (moto only adds
  reservations, and instances to the newest), checks an entry against moto's reservations on every use and reads
  them again for an id it does not find; the DescribeInstances above finds its reservations the same way, in
  moto's order. Instance ids are unique, so the instance found is the one moto's walk finds.
- The tags of one resource (moto/ec2/models/core.py, TaggedEC2Resource.get_tags, which every rendered instance and
  every tag filter calls) are read with TagBackend.describe_tags filtered by resource-id, which copies the tags of
  every resource and matches each resource id against the filter's pattern. A resource-id value without fnmatch's
  special characters translates to a pattern anchored at both ends (simple_aws_filter_to_re, fnmatch.translate)
  that matches that id alone, so reading that one resource's tags gives the same answer, in the same order.
- Every instance launched looks up its image (moto/ec2/models/instances.py, Instance.__init__) with
  AmiBackend.describe_images and the image-id filter, which matches each of the hundreds of images moto ships
  through moto's generic filter and fnmatch. A value without fnmatch's special characters matches an id equal to
  it alone, so comparing the ids gives the same images, in the same order.

Apart from those walks, moto spends most of a large answer naming attributes:

- Every answer is serialized by moto's generic serializer (moto/core/serialize.py), which for each attribute of each
  object builds six alias providers to name the keys it may be found under (XFormedAttributePicker
  .get_possible_keys). Those names depend only on the object's class and its Meta, the shape, the shape's parent
  and the key, all of which the cache key holds, so they are worked out once for each and reused; a provider moto
  does not ship, or a key that cannot be hashed, goes moto's own way.
- Then, for each attribute, ResponseSerializer.get_value builds a picker context (joining the key path) and the
  picker matches the path against every response transformer of the service (about twenty for EC2). With moto's
  default aliases, the keys to try come from the same names, and the transformer that applies to a path is found
  once for each path and set of transformers; the values are read as moto reads them (moto/core/utils.py).
- The serialized body is written by xmltodict.unparse, a SAX event and a name check for each element. Bodies of
  plain dicts, lists, strings and numbers are written as text directly, the same text; anything else is xmltodict's.

And the reconciler's Scan of the managed index, page after page:

- Table.scan (moto/dynamodb/models/table.py) sorts every item of an index by DynamoType comparisons for each
  page, then walks past every item of the pages before, comparing each with the start key. When every key value
  is a string the sort uses the strings (the same stable order) and the start is found by bisection; moto's scan
  does the rest as it does for a first page.

And before any of it, moto's server finds which of its backends a request is for:

- DomainDispatcherApplication.get_backend_for_host (moto/moto_server/werkzeug_app.py) asks, for every request,
  whether the host it inferred is one of moto's modules, and moto/backends.py's list_of_moto_modules answers by
  listing moto's package folder and checking each of its ~180 entries is a folder: about 0.6 ms of every request.
  The installed moto does not change while its server runs, so the folders are listed once, in the same order.
- Every action then asks for the names of its response class's functions (moto/core/responses.py,
  BaseResponse.call_action, through moto/core/utils.py's method_names_from_class and inspect.getmembers, which walks
  every attribute of the class and its bases). moto defines its response classes' functions when it imports them and
  adds none later, so each class's names are worked out once and a copy of the same list handed back.

Any other request, and any other form of these, is moto's own. local-aws's MotoIndexedAnswersTest compares
answers with moto's own on the same state.
"""
import bisect
import copy
import sys
import threading

import xmltodict

import moto.backends as backends
import moto.core.responses as responses

from moto.core.serialize import DEFAULT_ALIAS_PROVIDERS, AttributePickerContext, ResponseSerializer, XFormedAttributePicker
from moto.core.utils import MISSING, _get_value_for_key
from moto.core.utils import get_value as moto_value_of
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.ec2.models.amis import AmiBackend
from moto.ec2.models.instances import InstanceBackend
from moto.ec2.models.tags import TagBackend
from moto.ec2.utils import EC2_PREFIX_TO_RESOURCE, filter_reservations, get_prefix

MOTO_DESCRIBE_INSTANCES = InstanceBackend.describe_instances
MOTO_GET_INSTANCE = InstanceBackend.get_instance
MOTO_GET_MULTI_INSTANCES_BY_ID = InstanceBackend.get_multi_instances_by_id
MOTO_DESCRIBE_TAGS = TagBackend.describe_tags
MOTO_DESCRIBE_IMAGES = AmiBackend.describe_images
MOTO_POSSIBLE_KEYS = XFormedAttributePicker.get_possible_keys
MOTO_GET_VALUE = ResponseSerializer.get_value
XMLTODICT_UNPARSE = xmltodict.unparse
MOTO_TABLE_SCAN = Table.scan
MOTO_SORTED_ITEMS = Table.sorted_items
MOTO_LIST_OF_MOTO_MODULES = backends.list_of_moto_modules
MOTO_METHOD_NAMES_FROM_CLASS = responses.method_names_from_class

_NO_PARENT = object()
_possible_keys = {}
_picks = {}
_transform_paths = {}
# The sorted items of an index after a Scan's start key, handed from scan to the sorted_items it calls.
_scan_remainder = threading.local()

# What fnmatch (and moto's escapes of ? and *) reads as other than the character itself.
_PATTERN_CHARACTERS = frozenset("*?[]\\")


def describe_instances(self, filters=None):
    ids = (filters or {}).get("instance-id")
    if not ids:
        return MOTO_DESCRIBE_INSTANCES(self, filters)
    index = _instance_index(self)
    holding = {}
    for instance_id in ids:
        found = index.find(self, instance_id)
        if found is not None:
            holding[found[0].id] = found[0]
    ordered = sorted(holding.values(), key=lambda reservation: index.position[reservation.id])
    return filter_reservations([copy.copy(reservation) for reservation in ordered], filters)


def get_instance(self, instance_id):
    """InstanceBackend.get_instance, which walks every instance moto holds (each launch's volume attachment and each
    termination's detachment asks it): instance ids are unique, so the instance of that id is the one it finds."""
    found = _instance_index(self).find(self, instance_id)
    return found[1] if found is not None else MOTO_GET_INSTANCE(self, instance_id)


def get_multi_instances_by_id(self, instance_ids, filters=None):
    """InstanceBackend.get_multi_instances_by_id (every TerminateInstances), which maps every instance moto holds by
    id first; when one of the ids is unknown, moto's own raises its error."""
    index = _instance_index(self)
    found = [index.find(self, instance_id) for instance_id in instance_ids]
    if any(entry is None for entry in found):
        return MOTO_GET_MULTI_INSTANCES_BY_ID(self, instance_ids, filters)
    return [instance for _, instance in found if instance.applies(filters)]


class _InstanceIndex:
    """Each instance's reservation by instance id, and each reservation's place in the backend's reservations.
    moto only adds reservations and adds instances to the newest one; an entry is checked against the backend on
    every use, and anything it does not find makes it read the newest reservation, then everything, again."""

    def __init__(self):
        self.by_id = {}
        self.position = {}

    def find(self, backend, instance_id):
        entry = self.by_id.get(instance_id)
        if entry is None or not self._holds(backend, entry):
            if backend.reservations:
                self._add(next(reversed(backend.reservations.values())))
            entry = self.by_id.get(instance_id)
            if entry is None or not self._holds(backend, entry):
                self._rebuild(backend)
                entry = self.by_id.get(instance_id)
                if entry is None or not self._holds(backend, entry):
                    return None
        return entry

    def _rebuild(self, backend):
        # New maps replace the old at once: a request on another of werkzeug's threads reads one or the other whole.
        by_id, position = {}, {}
        for reservation in backend.reservations.copy().values():
            position.setdefault(reservation.id, len(position))
            for instance in reservation.instances:
                by_id.setdefault(instance.id, (reservation, instance))
        self.by_id, self.position = by_id, position

    def _add(self, reservation):
        self.position.setdefault(reservation.id, len(self.position))
        for instance in reservation.instances:
            self.by_id.setdefault(instance.id, (reservation, instance))

    @staticmethod
    def _holds(backend, entry):
        reservation, instance = entry
        return (backend.reservations.get(reservation.id) is reservation
                and any(held is instance for held in reservation.instances))


def _instance_index(backend):
    index = backend.__dict__.get("_launcher_instance_index")
    if index is None:
        index = backend._launcher_instance_index = _InstanceIndex()
    return index


def describe_tags(self, filters=None):
    resource_id = _one_literal_resource_id(filters)
    if resource_id is None:
        return MOTO_DESCRIBE_TAGS(self, filters)
    # get, not [ ]: self.tags is a defaultdict, and a lookup must not add an empty entry.
    tags = self.tags.get(resource_id)
    if not tags:
        return []
    resource_type = EC2_PREFIX_TO_RESOURCE.get(get_prefix(resource_id), "")
    return [
        {"resource_id": resource_id, "key": key, "value": value, "resource_type": resource_type}
        for key, value in tags.copy().items()
    ]


def describe_images(self, ami_ids=None, filters=None, exec_users=None, owners=None):
    image_id = _literal(filters.get("image-id")) if filters and len(filters) == 1 else None
    images = list(self.amis.copy().values())
    if ami_ids or exec_users or owners or image_id is None or not all(isinstance(i.id, str) for i in images):
        return MOTO_DESCRIBE_IMAGES(self, ami_ids=ami_ids, filters=filters, exec_users=exec_users, owners=owners)
    return [image for image in images if image.id == image_id]


def _literal(value):
    """The value, or the one value of a list, when it has none of fnmatch's special characters; else None."""
    if isinstance(value, list):
        value = value[0] if len(value) == 1 else None
    if not isinstance(value, str) or _PATTERN_CHARACTERS.intersection(value):
        return None
    return value


def _one_literal_resource_id(filters):
    """The id when the filters that moto applies are one resource-id value matching itself alone; else None."""
    if filters is None:
        return None
    applied = [name for name in filters if name in TagBackend.VALID_TAG_FILTERS]
    if applied != ["resource-id"]:
        return None
    values = filters["resource-id"]
    return _literal(values) if isinstance(values, list) else None


def possible_keys(self, context):
    cache_key = _possible_keys_cache_key(self, context)
    if cache_key is None:
        return MOTO_POSSIBLE_KEYS(self, context)
    keys = _possible_keys.get(cache_key)
    if keys is None:
        try:
            keys = tuple(MOTO_POSSIBLE_KEYS(self, context))
        except Exception:
            # moto tries the keys lazily: one it would not have reached may fail; let moto's own way answer.
            return MOTO_POSSIBLE_KEYS(self, context)
        _possible_keys[cache_key] = keys
    return keys


def _possible_keys_cache_key(picker, context):
    """What moto's alias providers read to name the keys; None when a provider moto does not ship is in use."""
    providers = tuple(picker.alias_providers)
    if not set(providers) <= set(DEFAULT_ALIAS_PROVIDERS):
        return None
    obj, shape = context.obj, context.shape
    cache_key = (type(picker), providers, obj.__class__, getattr(obj, "Meta", None), shape,
                 getattr(shape, "parent", _NO_PARENT), context.key)
    try:
        hash(cache_key)
    except TypeError:
        return None
    return cache_key


def get_value(self, value, key, shape):
    """moto's ResponseSerializer.get_value with XFormedAttributePicker's default aliases, without building a context
    for each attribute: the keys to try come from the names worked out once (as possible_keys keeps them), the
    response transformer that applies to the key path is found once for each path."""
    picker = self._value_picker
    if type(picker) is not XFormedAttributePicker or picker.alias_providers is not DEFAULT_ALIAS_PROVIDERS:
        return MOTO_GET_VALUE(self, value, key, shape)
    plain_dict = type(value) is dict
    meta = None if plain_dict else getattr(value, "Meta", None)
    parent = getattr(shape, "parent", _NO_PARENT)
    pick_key = (value.__class__, shape, key)
    try:
        pick = _picks.get(pick_key)
    except TypeError:
        return MOTO_GET_VALUE(self, value, key, shape)
    if pick is None or pick[0] is not meta or pick[1] is not parent:
        context = AttributePickerContext(obj=value, key=key, shape=shape, operation_model=self.operation_model,
                                         service_model=self.operation_model.service_model,
                                         key_path=".".join(self.path))
        try:
            keys = tuple(MOTO_POSSIBLE_KEYS(picker, context))
        except Exception:
            # moto tries the keys lazily: one it would not have reached may fail; let moto's own way answer.
            return MOTO_GET_VALUE(self, value, key, shape)
        pick = _picks[pick_key] = (meta, parent, tuple((k, "." in k) for k in keys))
    found = None
    for possible_key, dotted in pick[2]:
        if dotted:
            found = moto_value_of(value, possible_key, MISSING)
        elif plain_dict:
            found = value.get(possible_key, MISSING)
        else:
            found = _get_value_for_key(value, possible_key, MISSING)
        if found is not MISSING:
            break
    else:
        found = None
    transformers = picker.response_transformers
    if transformers:
        path = _transform_path(transformers, f"{'.'.join(self.path)}.{key}")
        if path is not None:
            found = transformers[path](found)
    return found


def _transform_path(transformers, key_path):
    """The first of the transformers' paths that key_path ends with, as AttributePicker.__call__ picks it."""
    paths = tuple(transformers)
    by_key_path = _transform_paths.get(paths)
    if by_key_path is None:
        by_key_path = _transform_paths[paths] = {}
    if key_path not in by_key_path:
        by_key_path[key_path] = next((path for path in paths if key_path.endswith(path)), None)
    return by_key_path[key_path]


class _NotPlain(Exception):
    """A body the plain writer does not write as xmltodict would: xmltodict's own unparse writes (or refuses) it."""


_valid_names = set()


def unparse(input_dict, output=None, encoding="utf-8", full_document=True, short_empty_elements=False, **kwargs):
    """xmltodict.unparse (xmltodict 1.0.4 with xml.sax.saxutils.XMLGenerator) for the bodies moto's serializers give
    it: the same text, written without a SAX event and a name check for each element. Anything else (an output
    stream, pretty printing, other options, a type or a name it does not expect, a body xmltodict would refuse)
    is xmltodict's own, from the start: the writer reads no iterator, so nothing is used up when it gives way."""
    if output is not None or kwargs.keys() - {"pretty"} or kwargs.get("pretty") or not isinstance(input_dict, dict):
        return XMLTODICT_UNPARSE(input_dict, output=output, encoding=encoding, full_document=full_document,
                                 short_empty_elements=short_empty_elements, **kwargs)
    out = []
    try:
        if full_document:
            if len(input_dict) != 1:
                raise _NotPlain()
            out.append(f'<?xml version="1.0" encoding="{encoding}"?>\n')
        for key, value in input_dict.items():
            _write_element(out, key, value, full_document, short_empty_elements)
    except _NotPlain:
        return XMLTODICT_UNPARSE(input_dict, encoding=encoding, full_document=full_document,
                                 short_empty_elements=short_empty_elements)
    return "".join(out)


def _write_element(out, key, value, single_root, short_empty_elements):
    """xmltodict._emit, without namespaces, a preprocessor, comments or pretty printing."""
    if type(key) is not str or key == "#comment":
        raise _NotPlain()
    _check_name(key)
    if isinstance(value, (list, tuple)):
        if single_root and len(value) > 1:
            raise _NotPlain()
        items = value
    elif isinstance(value, (str, dict)) or not hasattr(value, "__iter__"):
        items = (value,)
    else:
        raise _NotPlain()
    for item in items:
        if item is None:
            item = {}
        elif not isinstance(item, (dict, str)):
            item = _text(item)
        if isinstance(item, str):
            item = {"#text": item}
        text = None
        attributes = []
        children = []
        for child_key, child in item.items():
            if child_key == "#text":
                text = None if child is None else _text(child)
            elif isinstance(child_key, str) and child_key.startswith("@"):
                if child_key == "@xmlns" and isinstance(child, dict):
                    raise _NotPlain()
                name = child_key[1:]
                _check_name(name)
                attributes.append((name, "" if child is None else _text(child)))
            elif not (isinstance(child, list) and not child):
                children.append((child_key, child))
        out.append("<" + key)
        for name, attribute in attributes:
            out.append(f" {name}={_quoted_attribute(attribute)}")
        # XMLGenerator leaves a start tag open until content follows, so an element that writes none is <key/>.
        opened = len(out)
        out.append(">")
        for child_key, child in children:
            _write_element(out, child_key, child, False, short_empty_elements)
        if text:
            out.append(text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;"))
        if short_empty_elements and len(out) == opened + 1:
            out[opened] = "/>"
        else:
            out.append(f"</{key}>")


def _text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise _NotPlain()
    return str(value)


def _check_name(name):
    if name not in _valid_names:
        try:
            xmltodict._validate_name(name, "element")
        except ValueError:
            raise _NotPlain()
        _valid_names.add(name)


def _quoted_attribute(value):
    """xml.sax.saxutils.quoteattr."""
    value = (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
             .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))
    if '"' in value:
        if "'" in value:
            return '"%s"' % value.replace('"', "&quot;")
        return "'%s'" % value
    return '"%s"' % value


def sorted_items(self, hash_key_attrs, range_key_attrs, items):
    """Table.sorted_items, sorting by the key values' strings when every key value is a string (S): DynamoType
    compares two S values by their strings (equal when type and string are equal), so the stable sort gives the
    same order without a Python comparison for each pair."""
    remainder = getattr(_scan_remainder, "items", None)
    if remainder is not None:
        _scan_remainder.items = None
        return remainder
    attributes = self._generate_attr_to_sort_by(hash_key_attrs, range_key_attrs)
    keys = _string_keys(items, attributes)
    if keys is None:
        return MOTO_SORTED_ITEMS(self, hash_key_attrs, range_key_attrs, items)
    order = sorted(range(len(items)), key=keys.__getitem__)
    items[:] = [items[i] for i in order]
    return items


def scan(self, filters, limit, exclusive_start_key, filter_expression=None, index_name=None, consistent_read=False,
         projection_expression=None, segments=(None, None)):
    """Table.scan. A page after the first of an index's Scan makes moto sort every item of the index and walk past
    each item of the pages before, comparing it with the start key; when every key value is a string, the items
    after the start key are found by bisection in the same sorted order and moto's scan goes on from there as from
    a first page: the same items, counts and last evaluated key."""
    remainder = None
    if index_name and exclusive_start_key is not None and segments == (None, None):
        remainder = _index_items_after(self, index_name, exclusive_start_key)
    if remainder is None:
        return MOTO_TABLE_SCAN(self, filters, limit, exclusive_start_key, filter_expression, index_name,
                               consistent_read, projection_expression, segments=segments)
    _scan_remainder.items = remainder
    try:
        return MOTO_TABLE_SCAN(self, filters, limit, None, filter_expression, index_name, consistent_read,
                               projection_expression, segments=segments)
    finally:
        _scan_remainder.items = None


def _index_items_after(table, index_name, exclusive_start_key):
    """The index's items in moto's Scan order after the start key (Table._item_comes_before_dct skips each item
    whose key values are, in order, at most the start key's), or None when a key value is not a string."""
    try:
        index = table.get_index(index_name)
        hash_key = [key for key in index.schema if key["KeyType"] == "HASH"][0]
    except Exception:
        return None
    range_keys = [key for key in index.schema if key["KeyType"] == "RANGE"]
    hash_attrs = [hash_key["AttributeName"], table.hash_key_attr]
    range_attrs = [range_keys[0]["AttributeName"], table.range_key_attr] if range_keys else [table.range_key_attr]
    attributes = table._generate_attr_to_sort_by(hash_attrs, range_attrs)
    start = []
    for attribute in attributes:
        value = exclusive_start_key.get(attribute)
        if not (isinstance(value, dict) and list(value) == ["S"] and type(value["S"]) is str):
            return None
        start.append(value["S"])
    items = table.has_idx_items(index_name)
    keys = _string_keys(items, attributes)
    if keys is None:
        return None
    order = sorted(range(len(items)), key=keys.__getitem__)
    position = bisect.bisect_right([keys[i] for i in order], tuple(start))
    return [items[i] for i in order[position:]]


def _string_keys(items, attributes):
    """Each item's key values as a tuple of strings, or None when one is missing or not a string (S)."""
    keys = []
    for item in items:
        key = []
        for attribute in attributes:
            value = item.attrs.get(attribute)
            if type(value) is not DynamoType or value.type != "S" or type(value.value) is not str:
                return None
            key.append(value.value)
        keys.append(tuple(key))
    return keys


def _listed_once():
    modules = tuple(MOTO_LIST_OF_MOTO_MODULES())

    def list_of_moto_modules():
        return iter(modules)

    return list_of_moto_modules


def _method_names_once():
    names = {}

    def method_names_from_class(clazz):
        known = names.get(clazz)
        if known is None:
            known = names[clazz] = tuple(MOTO_METHOD_NAMES_FROM_CLASS(clazz))
        return list(known)

    return method_names_from_class


def install():
    # werkzeug_app reads backends.list_of_moto_modules at each request, so replacing the module's name is enough.
    backends.list_of_moto_modules = _listed_once()
    # responses imported method_names_from_class by name: its own name is the one call_action reads.
    responses.method_names_from_class = _method_names_once()
    InstanceBackend.describe_instances = describe_instances
    InstanceBackend.get_instance = get_instance
    InstanceBackend.get_multi_instances_by_id = get_multi_instances_by_id
    TagBackend.describe_tags = describe_tags
    AmiBackend.describe_images = describe_images
    XFormedAttributePicker.get_possible_keys = possible_keys
    ResponseSerializer.get_value = get_value
    xmltodict.unparse = unparse
    Table.sorted_items = sorted_items
    Table.scan = scan


if __name__ == "__main__":
    install()
    from moto.server import main

    sys.exit(main())
