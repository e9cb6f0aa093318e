namespace FerNet.Faces;

/// <summary>
/// The five landmarks YuNet gives for a face, in image pixels. Right and left are the person's own:
/// in a photo of someone facing the camera, the right eye is the one nearer the image's left edge.
/// </summary>
/// <param name="RightEye">The centre of the person's right eye.</param>
/// <param name="LeftEye">The centre of the person's left eye.</param>
/// <param name="NoseTip">The tip of the nose.</param>
/// <param name="RightMouthCorner">The right corner of the mouth.</param>
/// <param name="LeftMouthCorner">The left corner of the mouth.</param>
public readonly record struct FaceLandmarks(FacePoint RightEye, FacePoint LeftEye, FacePoint NoseTip, FacePoint RightMouthCorner, FacePoint LeftMouthCorner)
{
    /// <summary>
    /// How far the line from the right eye to the left eye turns from the horizontal, in degrees:
    /// 0 for an upright face, positive when the head leans clockwise as the image shows it (the left
    /// eye lower than the right), negative when it leans the other way.
    /// </summary>
    public double EyeLineAngle => Math.Atan2(LeftEye.Y - RightEye.Y, LeftEye.X - RightEye.X) * 180 / Math.PI;
}
