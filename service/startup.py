"""The app factory as `python -m service` has uvicorn import it, with a faster start-up."""

# The imports behind the app (scikit-learn, scipy, skops, FastAPI) allocate a few hundred
# thousand objects and trigger the cyclic garbage collector again and again, finding nothing to
# free. With it off while they run, a worker is ready ~0.2 s (about 10%) sooner. Each worker
# process imports this module itself (uvicorn spawns them), so each gets the same start.
import gc

gc.disable()
try:
    from service.app import create_app
finally:
    gc.enable()

__all__ = ["create_app"]
