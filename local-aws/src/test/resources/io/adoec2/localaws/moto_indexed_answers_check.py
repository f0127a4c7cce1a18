"""moto_server_indexed's lookups and its cache of serialized names give moto's own answers: each asked of the same
state with and without them.

Run by MotoIndexedAnswersTest with the project's moto, beside moto_server_indexed.py. Prints one line per
comparison made and exits non-zero at the first answer that differs.
"""
import random
import sys

import json

import boto3
import xmltodict
import moto.backends as backends
import moto.core.responses as responses
from moto import mock_aws
from moto.backend_index import backend_url_patterns
from moto.core.serialize import ResponseSerializer, XFormedAttributePicker
from moto.dynamodb.models.table import Table
from moto.ec2.models import ec2_backends
from moto.ec2.models.amis import AmiBackend
from moto.ec2.models.instances import InstanceBackend
from moto.ec2.models.tags import TagBackend
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.test import Client

import moto_server_indexed as indexed

REGION = "eu-west-1"
ACCOUNT = "123456789012"
IMAGE = "ami-12c6146b"
compared = 0


def moto_own():
    InstanceBackend.describe_instances = indexed.MOTO_DESCRIBE_INSTANCES
    InstanceBackend.get_instance = indexed.MOTO_GET_INSTANCE
    InstanceBackend.get_multi_instances_by_id = indexed.MOTO_GET_MULTI_INSTANCES_BY_ID
    TagBackend.describe_tags = indexed.MOTO_DESCRIBE_TAGS
    AmiBackend.describe_images = indexed.MOTO_DESCRIBE_IMAGES
    XFormedAttributePicker.get_possible_keys = indexed.MOTO_POSSIBLE_KEYS
    ResponseSerializer.get_value = indexed.MOTO_GET_VALUE
    xmltodict.unparse = indexed.XMLTODICT_UNPARSE
    Table.scan = indexed.MOTO_TABLE_SCAN
    Table.sorted_items = indexed.MOTO_SORTED_ITEMS
    backends.list_of_moto_modules = indexed.MOTO_LIST_OF_MOTO_MODULES
    responses.method_names_from_class = indexed.MOTO_METHOD_NAMES_FROM_CLASS


def same(what, ask):
    """Asks with moto's own code, then twice with the launcher's (once to fill its key cache, once from it)."""
    global compared
    moto_own()
    expected = ask()
    indexed.install()
    try:
        answers = [ask(), ask()]
    finally:
        moto_own()
    for actual in answers:
        if actual != expected:
            print(f"DIFFERENT: {what}\n  moto's own: {expected!r}\n  launcher's: {actual!r}")
            sys.exit(1)
    compared += 1


def dynamodb_answers():
    """Items as the registration table holds them, read back the ways the functions read them, serialized."""
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    dynamodb.create_table(
        TableName="records", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "instanceId", "AttributeType": "S"},
                              {"AttributeName": "organizationUrl", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "instanceId", "KeyType": "HASH"}],
        GlobalSecondaryIndexes=[{"IndexName": "managed", "Projection": {"ProjectionType": "ALL"},
                                 "KeySchema": [{"AttributeName": "organizationUrl", "KeyType": "HASH"},
                                               {"AttributeName": "instanceId", "KeyType": "RANGE"}]}])
    # Written out of key order, two organizations in the index and records outside it.
    for n in (4, 11, 0, 7, 2, 9, 1, 5, 10, 3, 8, 6):
        item = {"instanceId": {"S": f"i-{n:017x}"}, "status": {"S": "REGISTERED"}, "version": {"N": str(n)},
                "resourceTags": {"L": [{"S": "web"}]}, "agent": {"M": {"id": {"N": "7"}, "online": {"BOOL": True}}},
                "history": {"SS": ["a", "b"]}, "gone": {"NULL": True}}
        if n % 3 != 2:
            item["organizationUrl"] = {"S": ["https://dev.azure.com/org", "https://dev.azure.com/another"][n % 3]}
        dynamodb.put_item(TableName="records", Item=item)

    def answer(name, **request):
        result = getattr(dynamodb, name)(**request)
        result.pop("ResponseMetadata")
        return result

    same("DynamoDB Scan of the managed index", lambda: answer("scan", TableName="records", IndexName="managed"))
    same("DynamoDB Scan, a page of 2", lambda: answer("scan", TableName="records", Limit=2))

    def pages(limit, **request):
        answers, start = [], None
        # Bounded: a start key that does not move on would otherwise page forever.
        while len(answers) < 20:
            page = answer("scan", TableName="records", Limit=limit, **request,
                          **({"ExclusiveStartKey": start} if start else {}))
            answers.append(page)
            start = page.get("LastEvaluatedKey")
            if not start:
                break
        return answers

    for limit in (1, 2, 3, 8, 100):
        same(f"DynamoDB Scan of the managed index, pages of {limit}", lambda: pages(limit, IndexName="managed"))
    same("DynamoDB Scan of the managed index from a start key between items", lambda: answer(
        "scan", TableName="records", IndexName="managed", ExclusiveStartKey={
            "organizationUrl": {"S": "https://dev.azure.com/another"}, "instanceId": {"S": "i-00000000000000005x"}}))
    same("DynamoDB Scan of the managed index with a filter, pages of 2", lambda: pages(
        2, IndexName="managed", FilterExpression="version > :v", ExpressionAttributeValues={":v": {"N": "4"}}))
    same("DynamoDB Query of the managed index", lambda: answer(
        "query", TableName="records", IndexName="managed", KeyConditionExpression="organizationUrl = :o",
        ExpressionAttributeValues={":o": {"S": "https://dev.azure.com/org"}}))
    same("DynamoDB GetItem", lambda: answer("get_item", TableName="records", ConsistentRead=True,
                                            Key={"instanceId": {"S": "i-00000000000000003"}}))
    same("DynamoDB DescribeTable", lambda: answer("describe_table", TableName="records"))
    same("DynamoDB conditional PutItem refused", lambda: repr(_refused(lambda: dynamodb.put_item(
        TableName="records", Item={"instanceId": {"S": "i-00000000000000001"}},
        ConditionExpression="attribute_not_exists(instanceId)"))))


def unparsed_bodies():
    """xmltodict.unparse of bodies shaped like moto's and unlike them (attributes, text, empty and nested lists and
    tuples, escapes, names xmltodict refuses, several roots), as text or as the error it raises."""
    rng = random.Random(20)
    names = ["a", "B", "item", "x-y", "@attr", "@b", "#text", "@xmlns", "bad name", "#comment"]
    scalars = ["", "t", "a&b<c>\"'\n\t\r", 0, 1.5, True, False, None, b"bytes"]

    def value(depth):
        kind = rng.random()
        if depth > 3 or kind < 0.3:
            return rng.choice(scalars)
        if kind < 0.6:
            return {rng.choice(names): value(depth + 1) for _ in range(rng.randint(0, 4))}
        if kind < 0.8:
            return [value(depth + 1) for _ in range(rng.randint(0, 3))]
        return tuple(value(depth + 1) for _ in range(rng.randint(0, 2)))

    bodies = [{rng.choice(["Root", "bad name"]): value(0)} for _ in range(1500)] + [{"A": 1, "B": 2}, {}]

    def unparsed():
        answers = []
        for body in bodies:
            for full_document in (True, False):
                for short_empty_elements in (True, False):
                    try:
                        answers.append(xmltodict.unparse(body, full_document=full_document, pretty=False,
                                                         short_empty_elements=short_empty_elements))
                    except Exception as e:
                        answers.append((type(e).__name__, str(e)))
        return answers

    same(f"xmltodict.unparse of {len(bodies)} bodies, four ways each", unparsed)


def dispatched_answers():
    """Which backend moto's server picks for each host, and whole requests through its dispatcher."""
    modules = list(indexed.MOTO_LIST_OF_MOTO_MODULES())
    hosts = modules + [None, "moto_api", "", "not-a-module", f"ec2.{REGION}.amazonaws.com",
                       f"sns.{REGION}.amazonaws.com", f"sqs.{REGION}.amazonaws.com", "s3.amazonaws.com",
                       "bucket.s3.amazonaws.com", "unknown.example.com"]
    hosts += [pattern.pattern.replace("\\", "").replace("https?://", "").split("(")[0]
              for _, pattern in backend_url_patterns]
    same(f"list_of_moto_modules ({len(modules)} modules)", lambda: list(backends.list_of_moto_modules()))
    same(f"the backend of each of {len(hosts)} hosts", lambda: [
        DomainDispatcherApplication(create_backend_app).get_backend_for_host(host) for host in hosts])

    def served(service, **request):
        client = Client(DomainDispatcherApplication(create_backend_app))
        authorization = (f"AWS4-HMAC-SHA256 Credential=testing/20260101/{REGION}/{service}/aws4_request, "
                         "SignedHeaders=host, Signature=0")
        response = client.post("/", headers={"Authorization": authorization, **request.pop("headers", {})},
                               **request)
        return response.status_code, response.get_data(as_text=True).replace(response.headers.get(
            "x-amzn-RequestId", "\0"), "").replace(response.headers.get("x-amz-request-id", "\0"), "")

    response_classes = sorted(_response_classes(), key=lambda c: (c.__module__, c.__name__))
    same(f"the action names of {len(response_classes)} response classes",
         lambda: [responses.method_names_from_class(c) for c in response_classes])
    same("DynamoDB GetItem through moto's server", lambda: served(
        "dynamodb", headers={"X-Amz-Target": "DynamoDB_20120810.GetItem"}, content_type="application/x-amz-json-1.0",
        data=json.dumps({"TableName": "records", "Key": {"instanceId": {"S": "i-00000000000000003"}}})))
    same("DynamoDB ListTables through moto's server", lambda: served(
        "dynamodb", headers={"X-Amz-Target": "DynamoDB_20120810.ListTables"},
        content_type="application/x-amz-json-1.0", data="{}"))
    same("SQS ListQueues through moto's server", lambda: served(
        "sqs", content_type="application/x-www-form-urlencoded", data="Action=ListQueues&Version=2012-11-05"))


def _response_classes():
    """The response classes of the services the functions use, and their bases."""
    from moto.dynamodb.responses import DynamoHandler
    from moto.ec2.responses import EC2Response
    from moto.sns.responses import SNSResponse
    from moto.sqs.responses import SQSResponse
    from moto.ssm.responses import SimpleSystemManagerResponse
    found = set()
    for leaf in (DynamoHandler, EC2Response, SNSResponse, SQSResponse, SimpleSystemManagerResponse):
        found.update(c for c in leaf.__mro__ if issubclass(c, responses.BaseResponse))
    return found


def _refused(call):
    try:
        call()
    except Exception as e:  # the client's error, as parsed from moto's serialized answer
        return getattr(e, "response", {}).get("Error")
    return None


def _found(lookup):
    """What a lookup by id gives: the ids and states of the instances, or moto's error."""
    try:
        found = lookup()
    except Exception as e:
        return type(e).__name__, str(e)
    return [(i.id, i.state) for i in (found if isinstance(found, list) else [found])]


def reservations(answer):
    return [(r.id, [i.id for i in r.instances]) for r in answer]


def described(client, **request):
    answer = client.describe_instances(**request)
    answer.pop("ResponseMetadata")
    return answer


def main():
    with mock_aws():
        ec2 = boto3.client("ec2", region_name=REGION)
        tags = [{"Key": "ado:project", "Value": "p"}, {"Key": "ado:environment", "Value": "e"}]
        launched = []
        for count in (3, 1, 4):
            answer = ec2.run_instances(ImageId=IMAGE, InstanceType="t3.micro", MinCount=count, MaxCount=count,
                                       TagSpecifications=[{"ResourceType": "instance", "Tags": tags}])
            launched += [i["InstanceId"] for i in answer["Instances"]]
        untagged = ec2.run_instances(ImageId=IMAGE, MinCount=2, MaxCount=2)["Instances"]
        launched += [i["InstanceId"] for i in untagged]
        ec2.terminate_instances(InstanceIds=launched[1:3])
        ec2.delete_tags(Resources=[launched[4]])
        volume = ec2.create_volume(AvailabilityZone=REGION + "a", Size=1,
                                   TagSpecifications=[{"ResourceType": "volume", "Tags": tags}])["VolumeId"]
        backend = ec2_backends[ACCOUNT][REGION]

        # The tags of one resource, as every rendered instance and tag filter reads them, and other forms.
        resource_ids = launched + [volume, "i-0000000000000000", "", launched[0][:-3], launched[0] + "0"]
        for resource_id in resource_ids:
            same(f"describe_tags resource-id {resource_id!r}",
                 lambda: backend.describe_tags(filters={"resource-id": [resource_id]}))
        for filters in ({"resource-id": ["i-*"]}, {"resource-id": [launched[0][:-1] + "?"]},
                        {"resource-id": launched[:2]}, {"resource-id": [launched[0]], "key": ["ado:project"]},
                        {"resource-id": [launched[0]], "not-a-filter": ["x"]}, {"key": ["ado:*"]}, {}, None):
            same(f"describe_tags {filters!r}", lambda: backend.describe_tags(filters=filters))

        # Instances by id, with the reconciler's and the handlers' other filters.
        live = ["pending", "running", "shutting-down", "stopping", "stopped"]
        for filters in ({"instance-id": [launched[0]]}, {"instance-id": launched[:5]},
                        {"instance-id": [launched[1]], "instance-state-name": live},
                        {"instance-id": launched, "tag-key": ["ado:environment"]},
                        {"instance-id": ["i-0000000000000000"]},
                        {"tag-key": ["ado:project", "ado:environment"], "instance-state-name": live}, {}):
            same(f"describe_instances {filters!r}", lambda: reservations(backend.describe_instances(filters=filters)))

        # One instance, and several, by id, as volume attachments and terminations look them up.
        unknown = "i-0000000000000000"
        for instance_id in launched + [unknown, launched[0][:-1]]:
            same(f"get_instance {instance_id!r}", lambda: _found(lambda: backend.get_instance(instance_id)))
        for ids in (launched[:1], launched[2:6], launched[::-1], [launched[0], unknown], [unknown, launched[1], "x"]):
            for filters in (None, {"instance-state-name": ["running"]}):
                same(f"get_multi_instances_by_id {ids!r} {filters!r}",
                     lambda: _found(lambda: backend.get_multi_instances_by_id(ids, filters)))

        def launched_then_found():
            fresh = [i["InstanceId"] for i in ec2.run_instances(ImageId=IMAGE, MinCount=3, MaxCount=3)["Instances"]]
            ec2.terminate_instances(InstanceIds=fresh[:1])
            by_id = ec2.describe_instances(Filters=[{"Name": "instance-id", "Values": fresh + launched[:2]}])
            return (sorted((i["InstanceId"] in fresh, i["State"]["Name"]) for r in by_id["Reservations"]
                           for i in r["Instances"]),
                    [backend.get_instance(i).id == i for i in fresh])
        same("instances launched after the index was made: terminated, described and found by id",
             launched_then_found)

        # Every answer as the client reads it, serialized by moto, tags included.
        for request in ({"Filters": [{"Name": "instance-id", "Values": launched}]},
                        {"Filters": [{"Name": "tag-key", "Values": ["ado:project", "ado:environment"]},
                                     {"Name": "instance-state-name", "Values": live}], "MaxResults": 5},
                        {}):
            same(f"DescribeInstances {request!r}", lambda: described(ec2, **request))
        same("DescribeTags of one instance", lambda: ec2.describe_tags(
            Filters=[{"Name": "resource-id", "Values": [launched[3]]}])["Tags"])

        # An instance's image, as a launch looks it up, and other forms.
        other_image = sorted(backend.amis)[0]
        for filters in ({"image-id": IMAGE}, {"image-id": [IMAGE]}, {"image-id": "ami-00000000"},
                        {"image-id": "ami-*"}, {"image-id": [IMAGE, other_image]},
                        {"image-id": IMAGE, "architecture": "x86_64"}, {"name": "*"}):
            same(f"describe_images {filters!r}", lambda: [a.id for a in backend.describe_images(filters=filters)])
        same("describe_images by owner and image-id", lambda: [a.id for a in backend.describe_images(
            filters={"image-id": IMAGE}, owners=["amazon"])])
        same("RunInstances' answer", lambda: sorted(
            (i["ImageId"], i["Architecture"], i["VirtualizationType"], i["RootDeviceName"], i.get("Platform"),
             i["State"]["Name"], len(i.get("Tags", [])))
            for i in ec2.run_instances(ImageId=IMAGE, MinCount=1, MaxCount=1)["Instances"]))
        dynamodb_answers()
        dispatched_answers()
    unparsed_bodies()
    print(f"{compared} answers identical")


if __name__ == "__main__":
    main()
