"""moto's server, with DescribeInstances by instance id answered without filtering every instance moto ever held.

moto 5.2.5 (moto/ec2/models/instances.py, InstanceBackend.describe_instances) copies every reservation and runs
each filter over every instance, terminated ones included, so a lookup of one id costs time in proportion to all
instances launched so far: a simulated fleet's run grows with the square of its size. The instance-id filter is an
exact match in moto (moto/ec2/utils.py, filter_dict_attribute_mapping and instance_value_in_filter_values), so
keeping only the reservations that hold one of the ids before the filters run gives the same answer, in the same
order, with the same other filters (state, tags) applied by moto's own code. Any other request is moto's own.
"""
import copy
import sys

from moto.ec2.models.instances import InstanceBackend
from moto.ec2.utils import filter_reservations
from moto.server import main

_moto_describe_instances = InstanceBackend.describe_instances


def _describe_instances(self, filters=None):
    ids = (filters or {}).get("instance-id")
    if not ids:
        return _moto_describe_instances(self, filters)
    wanted = set(ids)
    holding = [
        copy.copy(reservation)
        for reservation in self.reservations.copy().values()
        if any(instance.id in wanted for instance in reservation.instances)
    ]
    return filter_reservations(holding, filters)


InstanceBackend.describe_instances = _describe_instances

if __name__ == "__main__":
    sys.exit(main())
