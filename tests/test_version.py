"""One version string: the leaf module the layers read and the public API agree."""

import accord
from accord.version import __version__


def test_the_public_api_carries_the_leaf_modules_version():
    assert accord.__version__ == __version__
